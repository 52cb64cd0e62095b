package io.licensesync.database;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision both databases keep ({@code timestamp(6)}: microseconds). Every
 * time that is stored comes from here, so what an endpoint answers right after a change is exactly
 * what it reads back later — never a value finer than the stored one.
 */
public final class StoredTime {

  private StoredTime() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A stored time as a native query returns it: {@code Instant}, {@code OffsetDateTime} or {@code
   * Timestamp}, depending on the database and its driver.
   */
  public static Instant of(Object column) {
    if (column instanceof Instant i) {
      return i;
    }
    if (column instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return ((java.sql.Timestamp) column).toInstant();
  }
}
