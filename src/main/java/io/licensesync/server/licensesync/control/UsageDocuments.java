package io.licensesync.server.licensesync.control;

import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.control.ServerLicense;
import io.licensesync.server.instance.entity.ServerIdentity;
import io.licensesync.wire.LicenseUsageDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

  @PersistenceContext EntityManager em;
  @Inject SeatRules seatRules;
  @Inject ServerLicense license;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.page-size", defaultValue = "1000")
  int pageSize;

  /** Writes the document of {@code instance} to a temporary file; the caller deletes it. */
  public SpooledUsageDocument.Written write(
      ServerIdentity instance,
      String uploadId,
      Optional<CloudConnection> connection,
      String signingPublicKey,
      Instant at) {
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
            instance.serverId(),
            instance.hostname(),
            instance.version(),
            license.hash(),
            signingPublicKey,
            features,
            at);
    return SpooledUsageDocument.write(
        metadata,
        this::accountsAfter,
        UserAccount::id,
        account -> UsageAccounts.toSend(account, seatRules),
        pageSize);
  }

  /**
   * Accounts with an id above {@code since}, in id order, each page read on its own (outside a
   * transaction the entities come back detached, their emails loaded with them).
   */
  private List<UserAccount> accountsAfter(long since, int perPage) {
    return em.createNamedQuery(UserAccount.PAGE_SINCE, UserAccount.class)
        .setParameter("since", since)
        .setMaxResults(perPage)
        .getResultList();
  }
}
