package io.licensesync.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-12-04T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(15), clock);

  private void fail(String... keys) {
    throttle.failed(List.of(keys));
  }

  @Test
  void fewerFailuresThanTheLimitDoNotBlock() {
    fail("login:mona");
    fail("login:mona");
    assertEquals(Optional.empty(), throttle.retryAfter(List.of("login:mona")));
  }

  @Test
  void theLimitBlocksUntilTheOldestFailureLeavesTheWindow() {
    fail("login:mona");
    clock.advance(Duration.ofMinutes(5));
    fail("login:mona");
    fail("login:mona");
    assertEquals(Optional.of(Duration.ofMinutes(10)), throttle.retryAfter(List.of("login:mona")));

    clock.advance(Duration.ofMinutes(10));
    assertEquals(
        Optional.empty(),
        throttle.retryAfter(List.of("login:mona")),
        "the first failure is out of the window");
    fail("login:mona");
    assertEquals(
        Optional.of(Duration.ofMinutes(5)),
        throttle.retryAfter(List.of("login:mona")),
        "blocked again until the second ages out");
  }

  @Test
  void failuresForOneLoginDoNotBlockAnother() {
    fail("login:mona", "address:10.0.0.1");
    fail("login:mona", "address:10.0.0.2");
    fail("login:mona", "address:10.0.0.3");
    assertTrue(
        throttle.retryAfter(List.of("login:mona", "address:10.0.0.4")).isPresent(),
        "the login is blocked from anywhere");
    assertEquals(Optional.empty(), throttle.retryAfter(List.of("login:hubot", "address:10.0.0.4")));
  }

  @Test
  void oneAddressTryingManyLoginsIsBlockedForAllOfThem() {
    fail("login:a", "address:10.0.0.9");
    fail("login:b", "address:10.0.0.9");
    fail("login:c", "address:10.0.0.9");
    assertTrue(throttle.retryAfter(List.of("login:d", "address:10.0.0.9")).isPresent());
    assertEquals(Optional.empty(), throttle.retryAfter(List.of("login:d", "address:10.0.0.10")));
  }

  @Test
  void theLongestWaitOfTheBlockedKeysIsAnswered() {
    fail("login:mona");
    fail("login:mona");
    fail("login:mona");
    clock.advance(Duration.ofMinutes(6));
    fail("address:1");
    fail("address:1");
    fail("address:1");
    assertEquals(
        Optional.of(Duration.ofMinutes(15)),
        throttle.retryAfter(List.of("login:mona", "address:1")));
  }

  @Test
  void forgettingALoginClearsItsFailures() {
    fail("login:mona");
    fail("login:mona");
    fail("login:mona");
    throttle.forget("login:mona");
    assertEquals(Optional.empty(), throttle.retryAfter(List.of("login:mona")));
  }

  @Test
  void keysWhoseFailuresExpiredAreDroppedWhenManyAreKept() {
    for (int i = 0; i < 10_001; i++) {
      fail("address:" + i);
    }
    clock.advance(Duration.ofMinutes(16));
    fail("address:new");
    assertEquals(1, throttle.size(), "only the fresh failure is remembered");
  }

  @Test
  void nonsensicalSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new FailureThrottle(0, Duration.ofMinutes(1), clock));
    assertThrows(
        IllegalArgumentException.class, () -> new FailureThrottle(3, Duration.ZERO, clock));
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertEquals(2, new SignInThrottle.Blocked(Duration.ofMillis(1001)).retryAfterSeconds());
    assertEquals(1, new SignInThrottle.Blocked(Duration.ZERO).retryAfterSeconds());
    assertEquals(900, new SignInThrottle.Blocked(Duration.ofMinutes(15)).retryAfterSeconds());
  }
}
