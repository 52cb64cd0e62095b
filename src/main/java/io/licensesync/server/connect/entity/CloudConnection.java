package io.licensesync.server.connect.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one connection of this Server to a Cloud enterprise, with the license sync setting and its
 * schedule, which only exist while connected. The version column makes claims on a due run or a
 * running slot safe across application nodes sharing the database.
 */
@Entity
@Table(name = "cloud_connection")
public class CloudConnection {

  /** The primary key of the single row. */
  public static final int THE_ONE = 1;

  @Id private Integer id;

  @Column(name = "cloud_url", nullable = false, length = 500)
  private String cloudUrl;

  @Column(name = "enterprise_slug", nullable = false, length = 100)
  @Text(max = TextRules.SLUG)
  private String enterprise;

  @Column(name = "credential_protected", nullable = false, length = 2000)
  private String protectedCredential;

  @Column(name = "connected_at", nullable = false)
  private Instant connectedAt;

  @Column(name = "connected_by", nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String connectedBy;

  @Column(name = "license_sync_enabled", nullable = false)
  private boolean licenseSyncEnabled;

  @Column(name = "license_sync_changed_at")
  private Instant licenseSyncChangedAt;

  @Column(name = "license_sync_changed_by", length = 64)
  @Text(max = TextRules.LOGIN)
  private String licenseSyncChangedBy;

  @Column(name = "next_run_at")
  private Instant nextRunAt;

  @Column(name = "running_run_id")
  private Long runningRunId;

  @Version private long version;

  protected CloudConnection() {}

  public CloudConnection(
      String cloudUrl, String enterprise, String protectedCredential, String by, Instant at) {
    this.id = THE_ONE;
    this.cloudUrl = Objects.requireNonNull(cloudUrl);
    this.enterprise = Objects.requireNonNull(enterprise);
    this.protectedCredential = Objects.requireNonNull(protectedCredential);
    this.connectedBy = Objects.requireNonNull(by);
    this.connectedAt = Objects.requireNonNull(at);
  }

  /** Turns license sync on; the first scheduled run falls one interval after now. */
  public void enableLicenseSync(String by, Instant at, Duration interval) {
    licenseSyncEnabled = true;
    licenseSyncChangedBy = by;
    licenseSyncChangedAt = at;
    nextRunAt = at.plus(interval);
  }

  public void disableLicenseSync(String by, Instant at) {
    licenseSyncEnabled = false;
    licenseSyncChangedBy = by;
    licenseSyncChangedAt = at;
    nextRunAt = null;
  }

  /** True when a scheduled run is due at {@code now} and no run holds the slot. */
  public boolean runDue(Instant now) {
    return licenseSyncEnabled
        && nextRunAt != null
        && !nextRunAt.isAfter(now)
        && runningRunId == null;
  }

  /**
   * Moves the schedule past {@code now} in whole intervals, keeping the weekday and time of day it
   * started from; several missed runs become one.
   */
  public void advanceSchedule(Instant now, Duration interval) {
    Instant next = nextRunAt == null ? now.plus(interval) : nextRunAt;
    while (!next.isAfter(now)) {
      next = next.plus(interval);
    }
    nextRunAt = next;
  }

  public void occupy(long runId) {
    runningRunId = runId;
  }

  /** The scheduled run that was interrupted is due again at {@code now}. */
  public void dueAgain(Instant now) {
    if (licenseSyncEnabled) {
      nextRunAt = now;
    }
  }

  public void release(long runId) {
    if (runningRunId != null && runningRunId == runId) {
      runningRunId = null;
    }
  }

  public String cloudUrl() {
    return cloudUrl;
  }

  public String enterprise() {
    return enterprise;
  }

  public String protectedCredential() {
    return protectedCredential;
  }

  public Instant connectedAt() {
    return connectedAt;
  }

  public String connectedBy() {
    return connectedBy;
  }

  public boolean licenseSyncEnabled() {
    return licenseSyncEnabled;
  }

  public Instant licenseSyncChangedAt() {
    return licenseSyncChangedAt;
  }

  public String licenseSyncChangedBy() {
    return licenseSyncChangedBy;
  }

  public Instant nextRunAt() {
    return nextRunAt;
  }

  public Long runningRunId() {
    return runningRunId;
  }
}
