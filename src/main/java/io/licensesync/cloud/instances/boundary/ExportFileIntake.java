package io.licensesync.cloud.instances.boundary;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.control.SeatCounts;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.instances.control.StagedUsage;
import io.licensesync.cloud.instances.control.UsageRows;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.UsageSource;
import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.security.CredentialVault;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageReader;
import io.licensesync.wire.SignedExportFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Add server usage: an owner uploads a file a Server exported. The file is opened and checked in
 * full before the instance's usage changes (signature, enterprise, the signing key the instance
 * registered with its first file, the usage document's shape); its usage document is read once, the
 * accounts into staging rows while the metadata is vetted; an accepted file replaces that
 * instance's usage exactly as an automatic sync does, in the same transaction as registering a new
 * instance, so a refused file changes nothing at all. The file must say when it was exported, not
 * in the future, and its readable header must agree with the signed content on every field, times
 * included.
 */
@ApplicationScoped
@Transactional
public class ExportFileIntake {

  private static final Logger LOG = Logger.getLogger(ExportFileIntake.class.getName());

  @PersistenceContext EntityManager em;
  @Inject CloudAudit audit;
  @Inject CredentialVault vault;
  @Inject Instances instances;
  @Inject UsageIntake uploads;
  @Inject SeatCounts seats;

  /**
   * The largest usage document a file may hold once uncompressed (a file of a few MiB may inflate
   * to gigabytes); it is read as a stream, so this bounds time, not memory.
   */
  @Inject
  @ConfigProperty(
      name = "licensesync.cloud.usage-file.max-document-bytes",
      defaultValue = "1073741824")
  long maxDocumentBytes;

  /** The enterprise's public key for license usage files, made on first use. */
  public ECKey publicKey(long enterpriseId) {
    return keyPair(enterpriseId).toPublicJWK();
  }

  private ECKey keyPair(long enterpriseId) {
    Enterprise enterprise = em.find(Enterprise.class, enterpriseId);
    if (enterprise.protectedUsageKey() == null) {
      em.refresh(enterprise, LockModeType.PESSIMISTIC_WRITE);
      if (enterprise.protectedUsageKey() == null) {
        enterprise.keepUsageKey(
            vault.protect(SignedExportFile.newKey(KeyUse.ENCRYPTION).toJSONString()));
        em.flush();
      }
    }
    try {
      return ECKey.parse(vault.reveal(enterprise.protectedUsageKey()));
    } catch (ParseException e) {
      throw new IllegalStateException(
          "the enterprise's stored license usage key is not readable", e);
    }
  }

  /** Checks and applies an uploaded file; any refusal is a 4xx that says which check failed. */
  public Receipt accept(long enterpriseId, byte[] file, String by) {
    try {
      Receipt receipt = acceptOrRefuse(enterpriseId, file, by);
      audit.record(
          enterpriseId,
          "usage.file_added",
          receipt.seatsConsumedBefore() + " seats",
          receipt.seatsConsumedAfter() + " seats",
          receipt.hostname() + ": " + receipt.accountsAccepted() + " accounts (Add server usage)");
      return receipt;
    } catch (ApiException refused) {
      audit.refused(enterpriseId, "usage.file_refused", refused);
      throw refused;
    }
  }

  private Receipt acceptOrRefuse(long enterpriseId, byte[] file, String by) {
    Enterprise enterprise = em.find(Enterprise.class, enterpriseId);
    SignedExportFile.Opened opened;
    try {
      opened = SignedExportFile.open(file, enterprise.slug(), keyPair(enterpriseId));
    } catch (SignedExportFile.RefusedFile refused) {
      throw ApiException.invalid(
          "UsageFile",
          "file",
          refused.reason().name().toLowerCase(java.util.Locale.ROOT),
          refused.getMessage());
    }
    StagedUsage staged;
    try {
      staged = stage(opened);
    } catch (SignedExportFile.RefusedFile tooLarge) {
      throw new ApiException(413, tooLarge.getMessage(), null, null);
    } catch (LicenseUsageReader.InvalidUsageException e) {
      throw ApiException.invalid(
          "UsageFile",
          "file",
          "invalid",
          "The file's license usage is not valid: " + e.getMessage());
    }
    LicenseUsageDocument.Metadata metadata = staged.metadata();
    uploads.refuseUntimely("UsageFile", "exported_at", opened.header().exportedAt());
    uploads.refuseUntimely("UsageFile", "generated_at", metadata.generatedAt());
    Optional<ConnectedInstance> known = instances.find(enterpriseId, metadata.serverId());
    String registeredKey = known.map(ConnectedInstance::signingKeyFingerprint).orElse(null);
    if (registeredKey != null && !registeredKey.equals(opened.signingKeyFingerprint())) {
      throw ApiException.invalid(
          "UsageFile",
          "file",
          "other_key",
          "This file is signed by the key "
              + opened.signingKeyFingerprint()
              + ", but the server "
              + metadata.serverId()
              + " signs its files with "
              + registeredKey
              + "; nothing changed.");
    }
    Optional<String> namedKey =
        Optional.ofNullable(metadata.licensePublicKey())
            .flatMap(SignedExportFile::signingKey)
            .map(SignedExportFile::fingerprint);
    if (namedKey.isPresent() && !namedKey.get().equals(opened.signingKeyFingerprint())) {
      throw ApiException.invalid(
          "UsageFile",
          "file",
          "tampered",
          "The file was changed after it was exported: it is signed by another key than the one its usage names.");
    }
    disagreement(opened.header(), metadata)
        .ifPresent(
            field -> {
              throw ApiException.invalid(
                  "UsageFile",
                  "file",
                  "tampered",
                  "The file was changed after it was exported: its readable header's "
                      + field
                      + " differs from the signed content; nothing changed.");
            });
    ConnectedInstance instance =
        known.orElseGet(
            () -> {
              ConnectedInstance registered =
                  new ConnectedInstance(
                      enterpriseId,
                      metadata.serverId(),
                      metadata.hostname(),
                      metadata.version(),
                      StoredTime.now());
              registered.connect(null, by, StoredTime.now());
              em.persist(registered);
              return registered;
            });
    boolean keyRegistered = instance.signingKey() == null;
    if (keyRegistered) {
      instance.registerSigningKey(opened.signingKey());
    }
    em.flush();
    UsageIntake.Receipt applied = uploads.applyStaged(instance.id(), staged, UsageSource.FILE);
    long people = seats.peopleOn(enterpriseId, applied.serverId());
    // the upload's one line is UsageUploads'; this is its detail
    LOG.fine(
        () ->
            "Owner uploaded license usage of instance "
                + metadata.serverId()
                + ": "
                + applied.accountsAccepted()
                + " accounts"
                + (applied.applied() ? "" : " (already applied)"));
    return new Receipt(
        applied.serverId(),
        metadata.hostname(),
        metadata.uploadId(),
        metadata.generatedAt(),
        applied.accountsAccepted(),
        people,
        applied.seatsConsumedBefore(),
        applied.seatsConsumedAfter(),
        applied.applied(),
        known.isEmpty(),
        keyRegistered,
        opened.signingKeyFingerprint(),
        opened.encrypted());
  }

  /**
   * Reads the file's usage document once, its accounts into staging rows under a new staging id (in
   * this transaction: a refused file leaves none behind).
   */
  private StagedUsage stage(SignedExportFile.Opened opened) {
    long stagingId = UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;
    UsageRows.Read read =
        em.unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  try (InputStream usage = opened.usage(maxDocumentBytes)) {
                    return UsageRows.intoStaging(connection, stagingId, usage);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    return new StagedUsage(stagingId, read.metadata(), read.accounts());
  }

  /**
   * The first field of the readable header that says otherwise than the signed usage document, if
   * any.
   */
  static Optional<String> disagreement(
      SignedExportFile.Header header, LicenseUsageDocument.Metadata signed) {
    if (!Objects.equals(header.serverId(), signed.serverId())) {
      return Optional.of("server_id");
    }
    if (!Objects.equals(header.hostname(), signed.hostname())) {
      return Optional.of("hostname");
    }
    if (!Objects.equals(header.version(), signed.version())) {
      return Optional.of("version");
    }
    if (!Objects.equals(header.exportedAt(), signed.generatedAt())) {
      return Optional.of("exported_at");
    }
    return Optional.empty();
  }

  /**
   * What an uploaded file did: the instance, accounts accepted, the people they are after matching,
   * the enterprise's seats consumed before and after, and whether the file was applied now (false:
   * the same file had been applied already, nothing changed).
   */
  public record Receipt(
      String serverId,
      String hostname,
      String uploadId,
      java.time.Instant exportedAt,
      int accountsAccepted,
      long people,
      long seatsConsumedBefore,
      long seatsConsumedAfter,
      boolean applied,
      boolean instanceRegistered,
      boolean signingKeyRegistered,
      String signingKeyFingerprint,
      boolean encrypted) {}
}
