package io.licensesync.server.licensesync.control;

import io.licensesync.cluster.Nodes;
import io.licensesync.database.StoredTime;
import io.licensesync.input.Durations;
import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
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

  @Inject Nodes nodes;
  @Inject SentAccounts sent;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.interval", defaultValue = "P7D")
  String interval;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.run-timeout", defaultValue = "PT1H")
  String runTimeout;

  public Duration interval() {
    return Durations.positive(interval, "licensesync.server.license-sync.interval");
  }

  private Duration runTimeout() {
    return Durations.positive(runTimeout, "licensesync.server.license-sync.run-timeout");
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
    em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
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
    if (connection.runningRunId() == null && !connection.runDue(now)) {
      return Optional.empty(); // nothing to claim or free: no lock taken
    }
    // the row lock makes every other node wait here and then see this claim, instead of failing on
    // the version at its commit (which the transaction manager logs as an error)
    em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
    releaseIfStale(connection, now);
    if (!connection.runDue(now)) {
      return Optional.empty();
    }
    connection.advanceSchedule(now, interval());
    return Optional.of(occupy(connection, new SyncRun(SyncRun.Trigger.SCHEDULE, null, now)));
  }

  private SyncRun occupy(CloudConnection connection, SyncRun run) {
    run.ranBy(nodes.thisNode());
    em.persist(run);
    em.flush();
    connection.occupy(run.id());
    em.flush();
    return run;
  }

  /**
   * Frees the running slot when its run can no longer end by itself: the run already ended, its
   * node has stopped beating, or (a last resort) it has run longer than the run timeout. A run
   * ended here is {@code interrupted}; a scheduled one is due again at once.
   */
  private void releaseIfStale(CloudConnection connection, Instant now) {
    Long running = connection.runningRunId();
    if (running == null) {
      return;
    }
    SyncRun run = em.find(SyncRun.class, running);
    if (run == null || run.status() != SyncRun.Status.RUNNING) {
      connection.release(running);
      return;
    }
    String reason = null;
    if (run.nodeId() != null && nodes.stoppedNodes(now).contains(run.nodeId())) {
      reason =
          "interrupted: node "
              + run.nodeId()
              + " running it stopped (no heartbeat for "
              + nodes.staleAfter()
              + ")";
    } else if (run.startedAt().isBefore(now.minus(runTimeout()))) {
      reason =
          "interrupted: the run did not finish within "
              + runTimeout
              + " (the node running it may have stopped)";
    }
    if (reason != null) {
      interrupt(connection, run, reason, now);
    }
  }

  private void interrupt(CloudConnection connection, SyncRun run, String reason, Instant now) {
    run.interrupted(reason, now);
    meters.count(
        Metric.SYNC_RUNS,
        "outcome",
        "interrupted",
        "trigger",
        run.trigger().name().toLowerCase(java.util.Locale.ROOT));
    connection.release(run.id());
    if (run.trigger() == SyncRun.Trigger.SCHEDULE) {
      connection.dueAgain(now);
    }
  }

  /**
   * At this node's start: the runs it was running when it stopped can no longer end, so they are
   * {@code interrupted} now (and a scheduled one is due again), and Sync now works at once.
   */
  public int recoverAfterRestart() {
    Instant now = StoredTime.now();
    List<SyncRun> orphans =
        em.createQuery(
                "select r from SyncRun r where r.status = :running and r.nodeId = :node",
                SyncRun.class)
            .setParameter("running", SyncRun.Status.RUNNING)
            .setParameter("node", nodes.thisNode())
            .getResultList();
    if (orphans.isEmpty()) {
      return 0;
    }
    CloudConnection connection =
        em.find(CloudConnection.class, CloudConnection.THE_ONE, LockModeType.PESSIMISTIC_WRITE);
    for (SyncRun run : orphans) {
      String reason =
          "interrupted: node " + run.nodeId() + " restarted while the run was in progress";
      if (connection != null) {
        interrupt(connection, run, reason, now);
      } else {
        run.interrupted(reason, now);
      }
    }
    return orphans.size();
  }

  /**
   * Records a run's one outcome, only if it is still running: a run already {@code interrupted}
   * keeps that outcome, and a note says what its late end was. Answers whether it was recorded.
   */
  public boolean succeeded(long runId, int accounts, java.nio.file.Path sentIds) {
    return end(runId, SyncRun.Status.SUCCESS, accounts, null, sent.replaceWith(sentIds));
  }

  /** As {@link #succeeded}, for a run that failed with {@code reason}. */
  public boolean failed(long runId, String reason) {
    return end(runId, SyncRun.Status.FAILURE, null, SyncRun.fitted(reason), null);
  }

  private boolean end(
      long runId,
      SyncRun.Status outcome,
      Integer accounts,
      String error,
      SentAccounts.Changes changes) {
    Instant now = StoredTime.now();
    // under a row lock: an admin's change meanwhile must not make recording the end fail
    Optional.ofNullable(
            em.find(CloudConnection.class, CloudConnection.THE_ONE, LockModeType.PESSIMISTIC_WRITE))
        .ifPresent(c -> c.release(runId));
    int ended =
        em.createQuery(
                "update SyncRun r set r.status = :outcome, r.finishedAt = :now, r.accountsSent ="
                    + " :accounts, r.accountsAdded = :added, r.accountsRemoved = :removed,"
                    + " r.error = :error where r.id = :id and r.status = :running")
            .setParameter("outcome", outcome)
            .setParameter("now", now)
            .setParameter("accounts", accounts)
            .setParameter("added", changes == null ? null : changes.added())
            .setParameter("removed", changes == null ? null : changes.removed())
            .setParameter("error", error)
            .setParameter("id", runId)
            .setParameter("running", SyncRun.Status.RUNNING)
            .executeUpdate();
    if (ended == 1) {
      return true;
    }
    SyncRun late = em.find(SyncRun.class, runId);
    if (late != null && late.status() == SyncRun.Status.INTERRUPTED) {
      String note =
          outcome == SyncRun.Status.SUCCESS
              ? " — it went on after that and the Cloud accepted its upload of "
                  + accounts
                  + " accounts at "
                  + now
              : " — it went on after that and then failed: " + error;
      late.interrupted(late.error() + note, late.finishedAt());
    }
    return false;
  }

  /**
   * Notes what a running run is doing now ({@code step}, at most 200 characters), for the License
   * page; a run that has ended keeps its outcome.
   */
  public void progress(long runId, String step) {
    em.createQuery(
            "update SyncRun r set r.progress = :step where r.id = :id and r.status = :running")
        .setParameter("step", step.length() > 200 ? step.substring(0, 200) : step)
        .setParameter("id", runId)
        .setParameter("running", SyncRun.Status.RUNNING)
        .executeUpdate();
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

  /** The newest run that failed or was interrupted. */
  public Optional<SyncRun> lastUnsuccessful() {
    return em.createQuery(
            "select r from SyncRun r where r.status in :unsuccessful order by r.id desc",
            SyncRun.class)
        .setParameter("unsuccessful", List.of(SyncRun.Status.FAILURE, SyncRun.Status.INTERRUPTED))
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
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
