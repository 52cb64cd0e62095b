package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

  private static final Instant START = Instant.parse("2026-11-25T17:00:00Z");

  @Test
  void aDurationReadsAtAGlanceInTheLargestUnitsThatFit() {
    assertEquals("850 ms", Times.duration(START, START.plusMillis(850)));
    assertEquals("12 s", Times.duration(START, START.plusMillis(12_400)));
    assertEquals("3 min 5 s", Times.duration(START, START.plusSeconds(185)));
    assertEquals("2 h 4 min", Times.duration(START, START.plusSeconds(2 * 3600 + 4 * 60 + 9)));
  }

  @Test
  void noStartIsNoDurationAndAClockThatWentBackIsNone() {
    assertEquals("—", Times.duration(null, START));
    assertEquals("0 ms", Times.duration(START, START.minusSeconds(3)));
  }
}
