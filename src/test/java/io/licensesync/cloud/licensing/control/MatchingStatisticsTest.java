package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatchingStatisticsTest {

  @Test
  void smallEnterprisesAreNeverAnalysed() {
    assertFalse(Matching.statisticsStale(0, 9_999));
    assertFalse(Matching.statisticsStale(9_999, 1));
  }

  @Test
  void aLargeMatchingThatGrewOrShrankByMoreThanAFifthIsAnalysed() {
    assertTrue(Matching.statisticsStale(1, 10_001), "the first batch of members");
    assertTrue(Matching.statisticsStale(10_001, 20_001), "doubled");
    assertTrue(Matching.statisticsStale(100_000, 10_000), "shrank to a tenth");
    assertFalse(Matching.statisticsStale(190_001, 200_001), "5 % more");
    assertFalse(Matching.statisticsStale(1_000_001, 1_000_001), "an upload of the same people");
  }
}
