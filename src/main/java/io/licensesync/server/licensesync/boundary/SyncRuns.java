package io.licensesync.server.licensesync.boundary;

import io.licensesync.database.Databases;
import io.licensesync.database.StoredTime;
import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
import io.licensesync.rest.ApiException;
import io.licensesync.security.CredentialVault;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.boundary.Connections;
import io.licensesync.server.connect.control.CloudFailure;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.control.SpooledUsageDocument;
import io.licensesync.server.licensesync.control.UsageDocuments;
import io.licensesync.server.licensesync.control.UsageKeys;
import io.licensesync.server.licensesync.entity.SyncRun;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs license sync, the same way for the schedule and for Sync now: claim the running slot, write
 * the usage document (accounts read page by page), upload it to the Cloud with retries, and record
 * success or a readable reason. A failed run leaves the schedule as it was, so the next one goes
 * ahead as usual.
 */
@ApplicationScoped
public class SyncRuns {

  private static final Logger LOG = Logger.getLogger(SyncRuns.class.getName());

  @Inject RunLedger ledger;
  @Inject Connections connections;
  @Inject InstanceIdentity identity;
  @Inject CloudGateway cloud;
  @Inject CredentialVault vault;
  @Inject UsageKeys keys;
  @Inject UsageDocuments documents;
  @Inject Meters meters;
  @Inject Audit audit;
  @Inject ServerAlerts alerts;

  @Resource ManagedExecutorService executor;

  /** Sync now: starts a run in the background and returns it at once (409 while one runs). */
  public SyncRun syncNow(String by) {
    recordUnrecorded();
    SyncRun run = ledger.startNow(by);
    audit.record(by, "license_sync.sync_now", null, "run " + run.id(), null);
    executor.execute(() -> perform(run.id(), run.uploadId(), run.trigger()));
    return run;
  }

  /**
   * At this node's start: the runs it was running when it stopped are interrupted, so Sync now and
   * a due scheduled run go ahead at once.
   */
  public void recoverAfterRestart() {
    try {
      int interrupted = ledger.recoverAfterRestart();
      if (interrupted > 0) {
        LOG.warning(
            () ->
                interrupted
                    + " license sync run(s) of this node were interrupted by its restart; marked so");
      }
    } catch (RuntimeException e) {
      // the due check will free the slot once this node's old heartbeat is stale
      LOG.log(Level.WARNING, "Could not recover this node's unfinished license sync runs", e);
    }
  }

  /** The schedule's check: runs the scheduled sync when it is due, here, once across all nodes. */
  public void runIfDue() {
    recordUnrecorded();
    Optional<SyncRun> claimed;
    try {
      claimed = ledger.claimDue(StoredTime.now());
    } catch (OptimisticLockException | jakarta.transaction.TransactionalException raced) {
      LOG.fine("Another node claimed the due license sync run");
      return;
    } catch (jakarta.persistence.PersistenceException busy) {
      // e.g. the row stayed locked by an admin's change past the lock timeout: the next check tries
      // again
      LOG.fine(() -> "Could not claim the due license sync run now: " + busy);
      return;
    }
    claimed.ifPresent(run -> perform(run.id(), run.uploadId(), run.trigger()));
  }

  void perform(long runId, String uploadId, SyncRun.Trigger trigger) {
    long started = System.nanoTime();
    Ending ending;
    SpooledUsageDocument.Written written = null;
    try {
      CloudConnection connection =
          connections
              .current()
              .orElseThrow(() -> new IllegalStateException("disconnected while the run started"));
      progress(runId, "writing the usage document (the accounts that consume a seat)");
      written =
          documents.write(
              identity.identity(),
              uploadId,
              Optional.of(connection),
              signingPublicKey(),
              StoredTime.now());
      progress(
          runId,
          "uploading "
              + written.accounts()
              + " accounts to the Cloud enterprise "
              + connection.enterprise()
              + " (retried while the Cloud is unavailable)");
      cloud.upload(
          connection.cloudUrl(),
          connection.enterprise(),
          identity.serverId(),
          uploadId,
          vault.reveal(connection.protectedCredential()),
          written.file().toFile());
      ending = new Ending(runId, written.accounts(), written.ids(), null, millisSince(started));
    } catch (CloudFailure failure) {
      ending = new Ending(runId, null, null, failure.getMessage(), millisSince(started));
    } catch (RuntimeException unexpected) {
      LOG.log(Level.SEVERE, "License sync run " + runId + " failed", unexpected);
      ending =
          new Ending(
              runId,
              null,
              null,
              "failed on this Server: "
                  + unexpected.getClass().getSimpleName()
                  + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage()),
              millisSince(started));
    } finally {
      if (written != null) {
        written.deleteDocument();
      }
    }
    if (written != null && ending.sentIds() == null) {
      written.delete(); // a failed run changes nothing: its ids are not needed
    }
    record(ending);
    String outcome = ending.failure() == null ? "success" : "failure";
    String by = trigger.name().toLowerCase(java.util.Locale.ROOT);
    meters.count(Metric.SYNC_RUNS, "outcome", outcome, "trigger", by);
    meters.observe(
        Metric.SYNC_RUN_SECONDS, (System.nanoTime() - started) / 1e9, "outcome", outcome);
    checkAlerts();
  }

  /**
   * Raises or clears this Server's alerts now (a run ended, or the schedule's check): an alert and
   * its webhook do not wait for someone to open a page. A failure to check is logged, not thrown.
   */
  void checkAlerts() {
    try {
      alerts.open();
    } catch (RuntimeException e) {
      LOG.fine(() -> "Could not check the alerts now: " + Databases.reason(e));
    }
  }

  /** Notes the step a run reached; a run goes on when that cannot be recorded. */
  private void progress(long runId, String step) {
    try {
      ledger.progress(runId, step);
    } catch (RuntimeException databaseAway) {
      LOG.fine(() -> "Could not note the progress of run " + runId + ": " + databaseAway);
    }
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  /**
   * How a run ended, kept in memory until the ledger has it: the database may be away for a moment
   * (restarted, failed over) just when a run ends.
   */
  private record Ending(
      long runId, Integer accounts, java.nio.file.Path sentIds, String failure, long millis) {

    /** Records the ending; once recorded, the ids of the accounts sent are no longer needed. */
    boolean recordIn(RunLedger ledger) {
      boolean recorded =
          failure == null
              ? ledger.succeeded(runId, accounts, sentIds)
              : ledger.failed(runId, failure);
      forgetSentIds();
      return recorded;
    }

    void forgetSentIds() {
      if (sentIds != null) {
        try {
          java.nio.file.Files.deleteIfExists(sentIds);
        } catch (java.io.IOException ignored) {
          // a temporary file; the system cleans it up
        }
      }
    }

    /** A log line: how the run ended, then {@code after}. */
    String said(String after) {
      return "License sync run "
          + runId
          + (failure == null ? " sent " + accounts + " accounts" : " failed: " + failure)
          + " in "
          + millis
          + " ms"
          + after;
    }
  }

  /** Endings this node could not record yet, by run id; recorded at the next check or Sync now. */
  private final Map<Long, Ending> unrecorded = new ConcurrentHashMap<>();

  private void record(Ending ending) {
    try {
      if (ending.recordIn(ledger)) {
        LOG.log(ending.failure() == null ? Level.INFO : Level.WARNING, () -> ending.said(""));
      } else {
        LOG.warning(
            () -> ending.said(" after it had been marked interrupted; it stays interrupted"));
      }
    } catch (RuntimeException databaseAway) {
      unrecorded.put(ending.runId(), ending);
      LOG.warning(
          () ->
              ending.said(
                  ", but that could not be recorded now ("
                      + Databases.reason(databaseAway)
                      + "); it is recorded when the database answers again"));
    }
  }

  /**
   * Records the endings that could not be recorded when their runs ended; the ones that still
   * cannot wait for the next call.
   */
  void recordUnrecorded() {
    for (Ending ending : List.copyOf(unrecorded.values())) {
      try {
        boolean recorded = ending.recordIn(ledger);
        unrecorded.remove(ending.runId());
        LOG.info(
            () ->
                ending.said(
                    recorded
                        ? "; recorded now that the database answers again"
                        : "; it had been marked interrupted meanwhile and stays so"));
      } catch (RuntimeException stillAway) {
        return;
      }
    }
  }

  /**
   * This Server's public signing key, which the Cloud registers for its exported files; a sync does
   * not depend on it: when the key cannot be read, the usage is sent without it.
   */
  private String signingPublicKey() {
    try {
      return keys.signingKey().toPublicJWK().toJSONString();
    } catch (ApiException unreadable) {
      LOG.warning(() -> "License sync sends no signing key: " + unreadable.getMessage());
      return null;
    }
  }
}
