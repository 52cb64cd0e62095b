package io.licensesync.signin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdleSessionTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  @Test
  void eachUseWithinTheTimeoutKeepsItAlive() {
    IdleSession session = new IdleSession();
    session.start(T0);
    assertTrue(session.stillActive(T0.plus(Duration.ofMinutes(29)), TIMEOUT));
    assertTrue(
        session.stillActive(T0.plus(Duration.ofMinutes(58)), TIMEOUT), "counted from the last use");
    assertFalse(session.takeExpired());
  }

  @Test
  void idleLongerThanTheTimeoutItEndsAndSaysSoOnce() {
    IdleSession session = new IdleSession();
    session.start(T0);
    assertFalse(session.stillActive(T0.plus(Duration.ofMinutes(31)), TIMEOUT));
    assertFalse(session.stillActive(T0.plus(Duration.ofMinutes(32)), TIMEOUT), "stays ended");
    assertTrue(session.takeExpired());
    assertFalse(session.takeExpired(), "said once");
  }

  @Test
  void signingOutIsNotAnExpiry() {
    IdleSession session = new IdleSession();
    session.start(T0);
    session.end();
    assertFalse(session.stillActive(T0.plus(Duration.ofMinutes(1)), TIMEOUT));
    assertFalse(session.takeExpired());
  }

  @Test
  void neverStartedIsNotSignedIn() {
    assertFalse(new IdleSession().stillActive(T0, TIMEOUT));
  }
}
