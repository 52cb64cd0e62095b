package io.licensesync.server.licensesync.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.control.CloudFailure;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * "Server can sync user license count and usage": the one boundary method the REST API and the
 * settings page both call. Enabling needs a connection (409), a site admin (403), and proof, asked
 * of the Cloud at that moment, that the caller owns the connected enterprise (403); disabling needs
 * a site admin. Every change goes to the audit trail.
 */
@ApplicationScoped
@Transactional
public class LicenseSyncSetting {

  public static final String ENABLED = "Enabled";
  public static final String DISABLED = "Disabled";

  @PersistenceContext EntityManager em;
  @Inject CloudGateway cloud;
  @Inject RunLedger ledger;
  @Inject Audit audit;

  public State state() {
    Optional<LastRun> lastRun = ledger.lastFinished().map(LastRun::of);
    Optional<LastRun> lastFailure = ledger.lastUnsuccessful().map(LastRun::of);
    return Optional.ofNullable(em.find(CloudConnection.class, CloudConnection.THE_ONE))
        .map(
            c ->
                new State(
                    c.licenseSyncEnabled() ? ENABLED : DISABLED,
                    true,
                    c.enterprise(),
                    c.licenseSyncChangedAt(),
                    c.licenseSyncChangedBy(),
                    c.nextRunAt(),
                    lastRun.orElse(null),
                    lastFailure.orElse(null)))
        .orElse(
            new State(
                DISABLED,
                false,
                null,
                null,
                null,
                null,
                lastRun.orElse(null),
                lastFailure.orElse(null)));
  }

  /**
   * Changes the setting.
   *
   * @param cloudToken a Cloud personal access token of the caller, to prove ownership (enabling
   *     only)
   */
  public State change(
      String setting, String callerLogin, boolean callerIsSiteAdmin, String cloudToken) {
    try {
      return changeOrRefuse(setting, callerLogin, callerIsSiteAdmin, cloudToken);
    } catch (ApiException refused) {
      audit.refused(
          "license_sync.setting_refused",
          Optional.ofNullable(em.find(CloudConnection.class, CloudConnection.THE_ONE))
                  .filter(CloudConnection::licenseSyncEnabled)
                  .isPresent()
              ? ENABLED
              : DISABLED,
          ENABLED.equals(setting) || DISABLED.equals(setting) ? setting : null,
          refused);
      throw refused;
    }
  }

  private State changeOrRefuse(
      String setting, String callerLogin, boolean callerIsSiteAdmin, String cloudToken) {
    if (!ENABLED.equals(setting) && !DISABLED.equals(setting)) {
      throw ApiException.invalid(
          "LicenseSync", "setting", "invalid", "setting must be Enabled or Disabled");
    }
    Validated.check("LicenseSync", new OwnerProof(cloudToken));
    if (!callerIsSiteAdmin) {
      throw ApiException.forbidden("Only a site administrator can change license sync.");
    }
    CloudConnection connection = em.find(CloudConnection.class, CloudConnection.THE_ONE);
    if (ENABLED.equals(setting)) {
      if (connection == null) {
        throw ApiException.conflict(
            "Connect this Server to a Cloud enterprise (GitHub Connect) before enabling license sync.");
      }
      if (connection.licenseSyncEnabled()) {
        return state();
      }
      requireOwner(connection, cloudToken);
      em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
      connection.enableLicenseSync(callerLogin, StoredTime.now(), ledger.interval());
      audit.record(
          callerLogin,
          "license_sync.setting",
          DISABLED,
          ENABLED,
          "owner of " + connection.enterprise() + " confirmed by the Cloud");
    } else if (connection != null && connection.licenseSyncEnabled()) {
      // under a row lock, so a scheduled run claimed meanwhile (on any node) cannot make it fail
      em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
      connection.disableLicenseSync(callerLogin, StoredTime.now());
      audit.record(callerLogin, "license_sync.setting", ENABLED, DISABLED, null);
    }
    return state();
  }

  private void requireOwner(CloudConnection connection, String cloudToken) {
    if (cloudToken == null || cloudToken.isBlank()) {
      throw ApiException.forbidden(
          "Only an owner of the Cloud enterprise '"
              + connection.enterprise()
              + "' can enable license sync: give a Cloud personal access token (cloud_token) to prove it.");
    }
    boolean owner;
    try {
      owner = cloud.isOwner(connection.cloudUrl(), connection.enterprise(), cloudToken.strip());
    } catch (CloudFailure failure) {
      throw new ApiException(
          502,
          "Could not ask the Cloud whether you own the enterprise: " + failure.getMessage(),
          null,
          null);
    }
    if (!owner) {
      throw ApiException.forbidden(
          "The Cloud says this token does not belong to an owner of the enterprise '"
              + connection.enterprise()
              + "'; license sync stays disabled.");
    }
  }

  /** The Cloud token that proves the caller owns the connected enterprise (enabling only). */
  record OwnerProof(@Text(max = TextRules.SHORT) String cloudToken) {}

  /**
   * The setting as shown: value, whether connected, when and by whom it changed, the next scheduled
   * run.
   */
  public record State(
      String setting,
      boolean connected,
      String enterprise,
      Instant changedAt,
      String changedBy,
      Instant nextRunAt,
      LastRun lastRun,
      LastRun lastFailure) {}

  /** How a run ended: its outcome, when, and the reason when it did not succeed. */
  public record LastRun(long id, String status, Instant finishedAt, String error) {

    static LastRun of(SyncRun run) {
      return new LastRun(
          run.id(),
          run.status().name().toLowerCase(java.util.Locale.ROOT),
          run.finishedAt(),
          run.error());
    }
  }
}
