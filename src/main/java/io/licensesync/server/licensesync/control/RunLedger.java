package io.licensesync.server.licensesync.control;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.licensesync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bookkeeping of runs, each step its own short transaction: claiming the single running slot
 * (for Sync now, or for a due scheduled run, which also moves the schedule on), and recording how a
 * run ended. Claims go through the connection row's version, so with several application nodes on
 * one database exactly one of them wins each claim.
 */
@ApplicationScoped
@Transactional
public class RunLedger {

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.interval", defaultValue = "P7D")
  String interval;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.run-timeout", defaultValue = "PT1H")
  String runTimeout;

  public Duration interval() {
    return parse(interval, "licensesync.server.license-sync.interval");
  }

  /**
   * Starts a Sync now run, or refuses: 409 when not connected, not enabled, or a run is in
   * progress.
   */
  public SyncRun startNow(String by) {
    CloudConnection connection =
        connection()
            .orElseThrow(
                () -> ApiException.conflict("This Server is not connected to a Cloud enterprise."));
    if (!connection.licenseSyncEnabled()) {
      throw ApiException.conflict(
          "License sync is disabled; enable \"Server can sync user license count and usage\" first.");
    }
    Instant now = StoredTime.now();
    releaseIfStale(connection, now);
    if (connection.runningRunId() != null) {
      throw new RunInProgress(connection.runningRunId());
    }
    return occupy(connection, new SyncRun(SyncRun.Trigger.SYNC_NOW, by, now));
  }

  /** Claims the scheduled run when it is due; empty when it is not (or another node claimed it). */
  public Optional<SyncRun> claimDue(Instant now) {
    Optional<CloudConnection> found = connection();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CloudConnection connection = found.get();
    releaseIfStale(connection, now);
    if (!connection.runDue(now)) {
      return Optional.empty();
    }
    connection.advanceSchedule(now, interval());
    return Optional.of(occupy(connection, new SyncRun(SyncRun.Trigger.SCHEDULE, null, now)));
  }

  private SyncRun occupy(CloudConnection connection, SyncRun run) {
    em.persist(run);
    em.flush();
    connection.occupy(run.id());
    em.flush();
    return run;
  }

  private void releaseIfStale(CloudConnection connection, Instant now) {
    Long running = connection.runningRunId();
    if (running == null) {
      return;
    }
    SyncRun run = em.find(SyncRun.class, running);
    if (run == null || run.status() != SyncRun.Status.RUNNING) {
      connection.release(running);
    } else if (run.startedAt()
        .isBefore(now.minus(parse(runTimeout, "licensesync.server.license-sync.run-timeout")))) {
      run.failed(
          "interrupted: the run did not finish within "
              + runTimeout
              + " (the node running it may have stopped)",
          now);
      connection.release(running);
    }
  }

  public void succeeded(long runId, int accounts) {
    finish(runId).ifPresent(run -> run.succeeded(accounts, StoredTime.now()));
  }

  public void failed(long runId, String reason) {
    finish(runId).ifPresent(run -> run.failed(reason, StoredTime.now()));
  }

  private Optional<SyncRun> finish(long runId) {
    // under a row lock: an admin's change meanwhile must not make recording the end fail
    Optional.ofNullable(
            em.find(CloudConnection.class, CloudConnection.THE_ONE, LockModeType.PESSIMISTIC_WRITE))
        .ifPresent(c -> c.release(runId));
    return Optional.ofNullable(em.find(SyncRun.class, runId));
  }

  public Optional<SyncRun> run(long id) {
    return Optional.ofNullable(em.find(SyncRun.class, id));
  }

  public List<SyncRun> page(int offset, int perPage) {
    return em.createNamedQuery(SyncRun.NEWEST_FIRST, SyncRun.class)
        .setFirstResult(offset)
        .setMaxResults(perPage)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(r) from SyncRun r", Long.class).getSingleResult();
  }

  public Optional<SyncRun> lastFinished() {
    return em.createQuery(
            "select r from SyncRun r where r.status <> :running order by r.id desc", SyncRun.class)
        .setParameter("running", SyncRun.Status.RUNNING)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private Optional<CloudConnection> connection() {
    return Optional.ofNullable(em.find(CloudConnection.class, CloudConnection.THE_ONE));
  }

  /** {@code value} of the setting {@code key} as a positive duration; refuses anything else. */
  public static Duration parse(String value, String key) {
    try {
      Duration duration = Duration.parse(value);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException();
      }
      return duration;
    } catch (RuntimeException e) {
      throw new IllegalStateException(key + " must be a positive ISO-8601 duration such as P7D", e);
    }
  }

  /** 409 with the running run's id, so the answer can point at it. */
  public static class RunInProgress extends ApiException {
    private final long runId;

    RunInProgress(long runId) {
      super(409, "A license sync run is already in progress.", null, null);
      this.runId = runId;
    }

    public long runId() {
      return runId;
    }
  }
}
