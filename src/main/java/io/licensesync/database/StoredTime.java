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
}
