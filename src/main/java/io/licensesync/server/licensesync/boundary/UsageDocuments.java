package io.licensesync.server.licensesync.boundary;

import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import io.licensesync.server.instance.control.ServerLicense;
import io.licensesync.server.licensesync.control.SpooledUsageDocument;
import io.licensesync.server.licensesync.control.UsageAccounts;
import io.licensesync.wire.LicenseUsageDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The license usage document, written in one place for a sync and for an export: this instance's
 * metadata (server ID, hostname, version, license hash, public signing key, license sync with the
 * time it was enabled) and the accounts that consume a license, read a page at a time.
 */
@ApplicationScoped
public class UsageDocuments {

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject InstanceIdentity identity;
  @Inject ServerLicense license;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.page-size", defaultValue = "1000")
  int pageSize;

  /** Writes the document to a temporary file; the caller deletes it. */
  public SpooledUsageDocument.Written write(
      String uploadId, Optional<CloudConnection> connection, String signingPublicKey, Instant at) {
    List<LicenseUsageDocument.Feature> features =
        connection
            .filter(CloudConnection::licenseSyncEnabled)
            .map(
                c ->
                    List.of(
                        new LicenseUsageDocument.Feature(
                            "license_usage_sync", c.licenseSyncChangedAt())))
            .orElse(List.of());
    LicenseUsageDocument.Metadata metadata =
        new LicenseUsageDocument.Metadata(
            uploadId,
            identity.serverId(),
            identity.hostname(),
            identity.version(),
            license.hash(),
            signingPublicKey,
            features,
            at);
    return SpooledUsageDocument.write(
        metadata,
        accounts::page,
        UserAccount::id,
        account -> UsageAccounts.toSend(account, seatRules),
        pageSize);
  }
}
