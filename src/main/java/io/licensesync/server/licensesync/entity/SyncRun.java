package io.licensesync.server.licensesync.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One license sync run: what started it (the schedule or Sync now, and who), when it started and
 * finished, what it is doing while it runs, how it ended, how many accounts it sent, and why it
 * failed. Its upload id makes a retried upload count once on the Cloud.
 */
@Entity
@Table(name = "sync_run")
@NamedQuery(name = SyncRun.NEWEST_FIRST, query = "select r from SyncRun r order by r.id desc")
public class SyncRun {

  public static final String NEWEST_FIRST = "SyncRun.newestFirst";

  /** What started a run. */
  public enum Trigger {
    SCHEDULE,
    SYNC_NOW
  }

  /** Where a run stands. */
  public enum Status {
    RUNNING,
    SUCCESS,
    FAILURE,
    /** The node running it stopped (killed, crashed, restarted) before the run ended. */
    INTERRUPTED
  }

  @Id
  @SequenceGenerator(name = "sync_run_seq", sequenceName = "sync_run_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sync_run_seq")
  private Long id;

  @Column(name = "upload_id", nullable = false, length = 64)
  private String uploadId;

  @Enumerated(EnumType.STRING)
  @Column(name = "run_trigger", nullable = false, length = 16)
  private Trigger trigger;

  @Column(name = "requested_by", length = 64)
  @Text(max = TextRules.LOGIN)
  private String requestedBy;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status;

  @Column(name = "accounts_sent")
  private Integer accountsSent;

  @Column(name = "accounts_added")
  private Integer accountsAdded;

  @Column(name = "accounts_removed")
  private Integer accountsRemoved;

  @Column(length = 1000)
  private String error;

  @Column(name = "node_id", length = 64)
  private String nodeId;

  @Column(length = 200)
  private String progress;

  protected SyncRun() {}

  public SyncRun(Trigger trigger, String requestedBy, Instant startedAt) {
    this.trigger = Objects.requireNonNull(trigger);
    this.requestedBy = requestedBy;
    this.startedAt = Objects.requireNonNull(startedAt);
    this.status = Status.RUNNING;
    this.uploadId = UUID.randomUUID().toString();
    this.progress = "starting";
  }

  /** The node that runs it, recorded when it is claimed. */
  public void ranBy(String node) {
    nodeId = node;
  }

  /** The node running it stopped before it ended: {@code reason} says how that was noticed. */
  public void interrupted(String reason, Instant at) {
    status = Status.INTERRUPTED;
    error = fitted(reason);
    finishedAt = at;
  }

  /** At most the error column's 1000 characters. */
  public static String fitted(String reason) {
    return reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason;
  }

  public String nodeId() {
    return nodeId;
  }

  public Long id() {
    return id;
  }

  public String uploadId() {
    return uploadId;
  }

  public Trigger trigger() {
    return trigger;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public Status status() {
    return status;
  }

  public Integer accountsSent() {
    return accountsSent;
  }

  /** Accounts this successful run sent that the last successful run before it did not. */
  public Integer accountsAdded() {
    return accountsAdded;
  }

  /** Accounts the last successful run before it sent that this one no longer did. */
  public Integer accountsRemoved() {
    return accountsRemoved;
  }

  public String error() {
    return error;
  }

  /** What the run is doing now, while it runs (the last step it reached, once it ended). */
  public String progress() {
    return progress;
  }
}
