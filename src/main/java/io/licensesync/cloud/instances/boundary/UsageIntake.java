package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.control.SeatCounts;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.instances.control.StagedUsage;
import io.licensesync.cloud.instances.control.UsageClock;
import io.licensesync.cloud.instances.control.UsageDiff;
import io.licensesync.cloud.instances.control.UsageRows;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.UsageSource;
import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageReader;
import io.licensesync.wire.SignedExportFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Applies a license usage upload to a connected instance, in one transaction so readers see the old
 * usage or the new one, never half: the instance's accounts are replaced while the document streams
 * in (plain JDBC on the transaction's connection: COPY on PostgreSQL, batches elsewhere; never held
 * whole), then consumed licenses are matched again. An upload whose id was already applied changes
 * nothing and gets the same kind of receipt. A usage that does not say when it was generated, or
 * says a time in the future, is refused.
 */
@ApplicationScoped
@Transactional
public class UsageIntake {

  private static final Logger LOG = Logger.getLogger(UsageIntake.class.getName());

  @PersistenceContext EntityManager em;

  @Inject CloudAudit audit;
  @Inject SeatCounts seats;

  /** Accounts in one upload from which the database's statistics are brought up to date. */
  static final int ANALYZE_FROM = 10_000;

  @Inject Event<EnterpriseUsageChanged> usageChanged;

  @Inject
  @ConfigProperty(
      name = "licensesync.cloud.max-clock-skew",
      defaultValue = UsageClock.DEFAULT_MAX_SKEW)
  String maxClockSkew;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.upload-lock-wait-millis", defaultValue = "5000")
  int uploadLockWaitMillis;

  /**
   * An upload that adds, removes or changes at most this many of its instance's accounts has only
   * the people they touch matched again (more: everyone).
   */
  @Inject
  @ConfigProperty(name = "licensesync.cloud.scoped-upload-limit", defaultValue = "100000")
  int scopedUploadLimit;

  /**
   * Applies {@code document}, read as a stream: its accounts go straight into the instance's rows
   * (COPY on PostgreSQL, JDBC batches elsewhere), then its metadata is checked.
   */
  public Receipt apply(long instanceId, String uploadId, InputStream document, UsageSource via) {
    // read apart from the entity, so the lock taken while applying loads the row afresh
    Object[] instance =
        em.createQuery(
                "select i.enterpriseId, i.hostname from ConnectedInstance i where i.id = :id",
                Object[].class)
            .setParameter("id", instanceId)
            .getResultStream()
            .findFirst()
            .orElse(null);
    try {
      Receipt receipt = applyOrRefuse(instanceId, uploadId, document, via);
      if (instance != null && receipt.applied()) {
        audit.record(
            (Long) instance[0],
            "usage.upload_applied",
            receipt.seatsConsumedBefore() + " seats",
            receipt.seatsConsumedAfter() + " seats",
            instance[1] + ": " + receipt.accountsAccepted() + " accounts, " + via);
      }
      return receipt;
    } catch (ApiException refused) {
      if (instance != null) {
        audit.refused((Long) instance[0], "usage.upload_refused", refused);
      }
      throw refused;
    }
  }

  private Receipt applyOrRefuse(
      long instanceId, String uploadId, InputStream document, UsageSource via) {
    return replaceUsage(
        instanceId,
        uploadId,
        via,
        (connection, instance) -> {
          try {
            if (instance.hasUsage()) {
              return UsageDiff.apply(connection, instanceId, document, scopedUploadLimit);
            }
            UsageRows.deleteAccounts(connection, instanceId);
            return new UsageDiff.Applied(UsageRows.intoInstance(connection, instanceId, document));
          } catch (LicenseUsageReader.InvalidUsageException e) {
            throw ApiException.invalid(
                "LicenseUsageDocument", e.field(), "invalid", e.getMessage());
          }
        });
  }

  /**
   * Applies a usage Add server usage already read into staging rows (the file is read once), with
   * the same checks and receipt as {@link #apply}; the staging rows are gone afterwards.
   */
  public Receipt applyStaged(long instanceId, StagedUsage staged, UsageSource via) {
    Receipt receipt =
        replaceUsage(
            instanceId,
            staged.metadata().uploadId(),
            via,
            (connection, instance) -> {
              if (instance.hasUsage()) {
                return UsageDiff.applyStaged(connection, instanceId, staged, scopedUploadLimit);
              }
              UsageRows.deleteAccounts(connection, instanceId);
              UsageRows.stagedToInstance(connection, staged.stagingId(), instanceId);
              return new UsageDiff.Applied(
                  new UsageRows.Read(staged.metadata(), staged.accounts(), false));
            });
    // a refusal rolls the transaction back, and the staging rows with it
    jdbc(
        connection -> {
          UsageRows.dropStaged(connection, staged.stagingId());
          return null;
        });
    return receipt;
  }

  private Receipt replaceUsage(long instanceId, String uploadId, UsageSource via, Fill fill) {
    ConnectedInstance instance = lockForUpload(instanceId);
    long enterpriseId = instance.enterpriseId();
    String serverId = instance.serverId();
    long seatsBefore = seats.seatsConsumed(enterpriseId);
    if (uploadId.equals(instance.lastUploadId())) {
      return new Receipt(
          serverId, uploadId, instance.accountsCount(), seatsBefore, seatsBefore, false);
    }
    em.flush();
    long started = System.nanoTime();
    UsageDiff.Applied applied =
        jdbc(
            connection -> {
              // the diff's and matching's statements over a million rows run faster uncompiled
              io.licensesync.database.Databases.withoutJit(connection);
              UsageDiff.Applied filled = fill.accounts(connection, instance);
              // matching joins these rows next: plan it with them counted
              if (filled.changed() == null && filled.read().accounts() >= ANALYZE_FROM) {
                io.licensesync.database.Databases.analyze(connection, "instance_account");
                // and with the instances counted: a table of a few rows never reaches autovacuum's
                // threshold (50 rows), and never analyzed it was planned as joining 1 account in
                // 30, so the people query hashed the million accounts instead of the members'
                // emails (6.0 s instead of 4.2 s at 1M, psql on this machine)
                io.licensesync.database.Databases.analyzeIfStale(
                    connection, 0, "connected_instance");
              } else if (filled.changed() != null) {
                io.licensesync.database.Databases.analyzeIfStale(
                    connection, filled.changed().changedIds().size(), "instance_account");
              }
              return filled;
            });
    UsageRows.Read read = applied.read();
    LicenseUsageDocument.Metadata metadata = read.metadata();
    int count = read.accounts();
    long written = System.nanoTime();
    if (!metadata.serverId().equals(serverId)) {
      throw ApiException.invalid(
          "LicenseUsageDocument",
          "server_id",
          "invalid",
          "server_id in the document is not this instance's");
    }
    if (!metadata.uploadId().equals(uploadId)) {
      throw ApiException.invalid(
          "LicenseUsageDocument",
          "upload_id",
          "invalid",
          "upload_id in the document differs from the one in the URL");
    }
    refuseUntimely("LicenseUsageDocument", "generated_at", metadata.generatedAt());
    if (metadata.generatedAt() != null
        && instance.lastUsageAt() != null
        && metadata.generatedAt().isBefore(instance.lastUsageAt())) {
      throw ApiException.conflict(
          "This usage was generated before the usage already applied for this instance; nothing changed.");
    }
    // a new hostname is in every row of the instance's people: then all are matched again
    EnterpriseUsageChanged.ChangedAccounts changed =
        metadata.hostname().equals(instance.hostname()) ? applied.changed() : null;
    instance.describe(metadata.hostname(), metadata.version());
    registerSigningKey(instance, metadata.licensePublicKey());
    instance.usageApplied(uploadId, count, via, metadata.generatedAt(), StoredTime.now());
    em.flush();
    String viaName = via.name().toLowerCase(java.util.Locale.ROOT);
    usageChanged.fire(
        new EnterpriseUsageChanged(
            enterpriseId,
            "usage of "
                + metadata.hostname()
                + " applied ("
                + viaName
                + ", "
                + count
                + " accounts)",
            new EnterpriseUsageChanged.AppliedUpload(
                instanceId, serverId, uploadId, viaName, changed, applied.removed())));
    long seatsAfter = seats.seatsConsumed(enterpriseId);
    long matched = System.nanoTime();
    // the upload's one line is UsageUploads'; this is its detail
    LOG.fine(
        () ->
            "Applied license usage of instance "
                + serverId
                + ": "
                + count
                + " accounts (written"
                + (read.copied() ? " with COPY" : "")
                + " in "
                + (written - started) / 1_000_000
                + " ms, matched in "
                + (matched - written) / 1_000_000
                + " ms)");
    return new Receipt(serverId, uploadId, count, seatsBefore, seatsAfter, true);
  }

  /** Runs {@code work} on this transaction's JDBC connection. */
  private <T> T jdbc(org.hibernate.jdbc.ReturningWork<T> work) {
    return em.unwrap(Session.class).doReturningWork(work);
  }

  /** Makes the new usage's accounts the instance's rows; what changed, when that is known. */
  @FunctionalInterface
  private interface Fill {
    UsageDiff.Applied accounts(Connection connection, ConnectedInstance instance)
        throws SQLException;
  }

  /**
   * Refuses (422, naming {@code field}) a usage that does not say when it was made or says a time
   * in the future beyond {@code licensesync.cloud.max-clock-skew}; the caller's transaction is
   * rolled back, so nothing changes.
   */
  public void refuseUntimely(String resource, String field, Instant value) {
    UsageClock.of(maxClockSkew)
        .check(field, value, StoredTime.now())
        .ifPresent(
            problem -> {
              throw ApiException.invalid(
                  resource, problem.field(), problem.code(), problem.message());
            });
  }

  /**
   * The instance's row, locked until this upload is applied or refused: uploads for one instance
   * are applied one after the other. One that finds another being applied waits a few seconds
   * ({@code licensesync.cloud.upload-lock-wait}), then is answered 409, never 500.
   */
  private ConnectedInstance lockForUpload(long instanceId) {
    try {
      return em.find(
          ConnectedInstance.class,
          instanceId,
          LockModeType.PESSIMISTIC_WRITE,
          Map.of("jakarta.persistence.lock.timeout", uploadLockWaitMillis));
    } catch (PessimisticLockException | LockTimeoutException busy) {
      throw new UploadInProgress();
    }
  }

  /** 409: another upload for the same instance is being applied; nothing changed. */
  public static class UploadInProgress extends ApiException {
    UploadInProgress() {
      super(
          409,
          "An upload for this instance is being applied; nothing changed. Try again when it is done.",
          null,
          null);
    }

    /** The Server retries an upload answered so, after this many seconds. */
    @Override
    public java.util.OptionalInt retryAfterSeconds() {
      return java.util.OptionalInt.of(5);
    }
  }

  /**
   * An instance that sends its public signing key (a P-256 JWK in {@code license_public_key}) with
   * its first usage has it registered: its exported files must then be signed by that key. A key
   * already registered stays; a value that is not such a key is kept out (other senders may put
   * their license's own key there).
   */
  private static void registerSigningKey(ConnectedInstance instance, String publicKey) {
    if (publicKey == null || instance.signingKey() != null) {
      return;
    }
    SignedExportFile.signingKey(publicKey).ifPresent(instance::registerSigningKey);
  }

  /**
   * What an upload did: accounts accepted, seats consumed by the enterprise before and after
   * (people after matching), and whether it was applied now or had been already.
   */
  public record Receipt(
      String serverId,
      String uploadId,
      int accountsAccepted,
      long seatsConsumedBefore,
      long seatsConsumedAfter,
      boolean applied) {}
}
