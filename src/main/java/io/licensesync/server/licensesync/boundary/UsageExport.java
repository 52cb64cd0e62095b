package io.licensesync.server.licensesync.boundary;

import com.nimbusds.jose.jwk.ECKey;
import io.licensesync.database.StoredTime;
import io.licensesync.security.CredentialVault;
import io.licensesync.security.OwnerOnlyFiles;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.boundary.Connections;
import io.licensesync.server.connect.control.CloudFailure;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import io.licensesync.server.licensesync.control.SpooledUsageDocument;
import io.licensesync.server.licensesync.control.UsageDocuments;
import io.licensesync.server.licensesync.control.UsageKeys;
import io.licensesync.wire.SignedExportFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Export license usage: the same document an automatic sync sends (accounts read page by page),
 * signed with this instance's key and, when the enterprise's key is known, encrypted for it. A
 * connected Server asks its Cloud for the key at each export (remembering it for when the Cloud
 * cannot be reached); a Server that is not connected uses the key an admin pasted.
 */
@ApplicationScoped
public class UsageExport {

  private static final Logger LOG = Logger.getLogger(UsageExport.class.getName());

  @Inject UsageKeys keys;
  @Inject Connections connections;
  @Inject CloudGateway cloud;
  @Inject CredentialVault vault;
  @Inject UsageDocuments documents;
  @Inject InstanceIdentity identity;
  @Inject Audit audit;

  /**
   * What an export will do, asking a connected Cloud for its key now ({@code GET …/export/key}).
   */
  public Plan plan() {
    return plan(true);
  }

  /**
   * What an export will do. {@code askCloud} false (the License page, which must not wait on the
   * network): a connected Server answers with the key its Cloud gave last, if any.
   */
  public Plan plan(boolean askCloud) {
    ECKey signing = keys.signingKey();
    Optional<CloudConnection> connection = connections.current();
    Optional<UsageKeys.EnterpriseKey> target = target(connection, askCloud);
    return new Plan(
        identity.serverId(),
        SignedExportFile.fingerprint(signing),
        signing.toPublicJWK().toJSONString(),
        connection.map(CloudConnection::enterprise).orElse(null),
        target.orElse(null),
        fileName(StoredTime.now()));
  }

  /**
   * Keeps the enterprise key an admin pasted from the Cloud's licensing page (422 when it is not a
   * key), on the audit trail.
   */
  @Transactional
  public UsageKeys.EnterpriseKey pasteKey(String enterprise, String jwkJson, String by) {
    UsageKeys.EnterpriseKey kept = keys.paste(enterprise, jwkJson);
    audit.record(
        by,
        "license_sync.usage_key",
        null,
        kept.fingerprint(),
        "pasted for enterprise " + kept.enterprise());
    return kept;
  }

  /** Forgets the pasted enterprise key, on the audit trail when there was one. */
  @Transactional
  public void forgetKey(String by) {
    keys.forget()
        .ifPresent(before -> audit.record(by, "license_sync.usage_key", before, null, "forgotten"));
  }

  /** Writes the file to a temporary path; the caller sends it and deletes it. */
  public Export export(String by) {
    Instant now = StoredTime.now();
    Optional<CloudConnection> connection = connections.current();
    Optional<UsageKeys.EnterpriseKey> target = target(connection, true);
    String enterprise =
        target
            .map(UsageKeys.EnterpriseKey::enterprise)
            .orElse(connection.map(CloudConnection::enterprise).orElse(null));
    ECKey signingKey = keys.signingKey();
    SpooledUsageDocument.Written usage =
        documents.write(
            identity.identity(),
            "export-" + UUID.randomUUID(),
            connection,
            signingKey.toPublicJWK().toJSONString(),
            now);
    try {
      Path file = OwnerOnlyFiles.createTempFile("license-usage-export-", ".json");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
          InputStream document = Files.newInputStream(usage.file())) {
        SignedExportFile.write(
            out,
            new SignedExportFile.Header(
                identity.serverId(), identity.hostname(), identity.version(), now, enterprise),
            document,
            signingKey,
            target.map(UsageKeys.EnterpriseKey::key));
      }
      audit.record(
          by,
          "license_sync.export",
          null,
          null,
          usage.accounts()
              + " accounts, "
              + (target.isPresent()
                  ? "encrypted for " + target.get().enterprise()
                  : "not encrypted"));
      LOG.info(
          () ->
              "Exported license usage: "
                  + usage.accounts()
                  + " accounts, "
                  + (target.isPresent() ? "encrypted" : "not encrypted"));
      return new Export(fileName(now), file, usage.accounts(), target.isPresent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the license usage file", e);
    } finally {
      usage.delete();
    }
  }

  /**
   * The key to encrypt for. Not connected: the pasted key. Connected: the key its Cloud gave, asked
   * now when {@code askCloud} (when the Cloud cannot answer, the one it gave before still serves).
   */
  private Optional<UsageKeys.EnterpriseKey> target(
      Optional<CloudConnection> connection, boolean askCloud) {
    if (connection.isEmpty()) {
      return keys.enterpriseKey();
    }
    CloudConnection c = connection.get();
    if (askCloud) {
      try {
        JsonObject key =
            cloud.usageKey(c.cloudUrl(), c.enterprise(), vault.reveal(c.protectedCredential()));
        if (key == null) {
          throw new IllegalArgumentException("the Cloud's answer held no key");
        }
        keys.remember(c.enterprise(), SignedExportFile.publicKey(key.toString()));
      } catch (CloudFailure
          | IllegalArgumentException
          | IllegalStateException
          | ClassCastException unavailable) {
        // unreachable, refused, or an answer that is not a key
        LOG.warning(
            () ->
                "Could not get the enterprise's license usage key from the Cloud: "
                    + unavailable.getMessage());
      }
    }
    return keys.enterpriseKey().filter(k -> k.enterprise().equals(c.enterprise()));
  }

  private String fileName(Instant at) {
    return "license-usage-"
        + identity.hostname()
        + "-"
        + at.atOffset(ZoneOffset.UTC).toLocalDate()
        + ".json";
  }

  /**
   * What the next export does: signed with which key, encrypted for which enterprise key (or not).
   */
  public record Plan(
      String serverId,
      String signingKeyFingerprint,
      String signingKey,
      String connectedEnterprise,
      UsageKeys.EnterpriseKey encryptFor,
      String fileName) {

    public boolean encrypted() {
      return encryptFor != null;
    }

    public boolean connected() {
      return connectedEnterprise != null;
    }
  }

  /** A written export file. */
  public record Export(String fileName, Path file, int accounts, boolean encrypted) {

    public void delete() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the system cleans it up
      }
    }
  }
}
