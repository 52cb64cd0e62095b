package io.licensesync.testing;

import io.licensesync.time.AppClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock, moved forward on request: deployed only in test WARs ({@link
 * Deployments#withMovableClock}) in place of {@link AppClock}, so a test checks a week of seat
 * history or an alert's crossing without waiting.
 */
@ApplicationScoped
@Alternative
@Priority(1000)
public class MovableClock extends AppClock {

  private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

  @Override
  public Instant now() {
    return super.now().plus(ahead.get());
  }

  /** Moves the clock forward by {@code by}. */
  public void move(Duration by) {
    ahead.updateAndGet(d -> d.plus(by));
  }
}
