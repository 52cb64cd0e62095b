package io.licensesync.server.accounts.control;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the dormant seats report: an account that consumes a seat without having been active
 * within the dormancy threshold. Read as a projection, so a page of the report is one query.
 */
public record DormantSeat(long id, String login, String loginKey, Instant lastActiveAt) {

  /** Whole days since the account's last activity, at {@code now}. */
  public long daysInactive(Instant now) {
    return Duration.between(lastActiveAt, now).toDays();
  }
}
