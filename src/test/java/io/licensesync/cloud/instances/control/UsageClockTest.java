package io.licensesync.cloud.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageClockTest {

  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  final UsageClock clock = UsageClock.of(UsageClock.DEFAULT_MAX_SKEW);

  @Test
  void aUsageFromThePastOrNowIsAccepted() {
    assertTrue(clock.check("generated_at", NOW.minus(Duration.ofDays(3)), NOW).isEmpty());
    assertTrue(clock.check("generated_at", NOW, NOW).isEmpty());
  }

  @Test
  void aServerClockAheadByLessThanTheSkewIsAccepted() {
    assertTrue(clock.check("exported_at", NOW.plus(Duration.ofMinutes(5)), NOW).isEmpty());
  }

  @Test
  void aUsageFromBeyondTheSkewIsRefusedNamingTheField() {
    UsageClock.Problem problem =
        clock
            .check("exported_at", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), NOW)
            .orElseThrow();
    assertEquals("exported_at", problem.field());
    assertEquals("invalid", problem.code());
    assertTrue(problem.message().startsWith("exported_at "), problem.message());
    assertTrue(problem.message().contains("future"), problem.message());
  }

  @Test
  void aUsageThatDoesNotSayWhenItWasMadeIsRefused() {
    UsageClock.Problem problem = clock.check("generated_at", null, NOW).orElseThrow();
    assertEquals("generated_at", problem.field());
    assertEquals("missing_field", problem.code());
  }

  @Test
  void theSkewIsConfigurableAndMayBeZero() {
    UsageClock strict = UsageClock.of("PT0S");
    assertTrue(strict.check("generated_at", NOW.plusMillis(1), NOW).isPresent());
    assertTrue(strict.check("generated_at", NOW, NOW).isEmpty());
  }

  @Test
  void aSkewThatIsNotADurationIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> UsageClock.of("five minutes"));
    assertThrows(IllegalArgumentException.class, () -> UsageClock.of("-PT1M"));
  }
}
