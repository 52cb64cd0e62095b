package io.licensesync.time;

import io.licensesync.database.StoredTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time for what is kept per day and for what fires once per crossing (seat history, alerts):
 * one bean, so that tests can deploy a clock they move (a CDI alternative in the test WAR) and
 * check a week of history without waiting a week. Days are UTC days.
 */
@ApplicationScoped
public class AppClock {

  /** Now, at the precision the databases keep. */
  public Instant now() {
    return StoredTime.now();
  }

  /** Today's date in UTC. */
  public LocalDate today() {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }
}
