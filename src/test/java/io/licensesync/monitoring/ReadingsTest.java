package io.licensesync.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Liveness: a node is live while its timers tick, within three intervals and a minute. */
class ReadingsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aTimerThatTickedRecentlyIsLiveAndOneThatStoppedIsNot() {
    Instant started = NOW.minus(Duration.ofHours(1));
    assertTrue(Readings.ticking(Optional.of(NOW.minusSeconds(90)), started, MINUTE, NOW));
    assertTrue(Readings.ticking(Optional.of(NOW.minusSeconds(239)), started, MINUTE, NOW));
    assertFalse(
        Readings.ticking(Optional.of(NOW.minusSeconds(240)), started, MINUTE, NOW),
        "three intervals and a minute without a tick: the timer stopped");
    assertFalse(
        Readings.ticking(Optional.of(NOW.minus(Duration.ofHours(1))), started, MINUTE, NOW));
  }

  @Test
  void beforeItsFirstTickATimerHasItsGraceFromTheStart() {
    assertTrue(Readings.ticking(Optional.empty(), NOW.minusSeconds(30), MINUTE, NOW));
    assertFalse(
        Readings.ticking(Optional.empty(), NOW.minus(Duration.ofMinutes(10)), MINUTE, NOW),
        "a timer that never ticked in ten minutes is not running");
  }
}
