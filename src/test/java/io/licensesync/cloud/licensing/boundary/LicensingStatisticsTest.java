package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LicensingStatisticsTest {

  @Test
  void smallEnterprisesAreNeverAnalysed() {
    assertFalse(Licensing.statisticsStale(0, 9_999));
    assertFalse(Licensing.statisticsStale(9_999, 1));
  }

  @Test
  void aLargeMatchingThatGrewOrShrankByMoreThanAFifthIsAnalysed() {
    assertTrue(Licensing.statisticsStale(1, 10_001), "the first batch of members");
    assertTrue(Licensing.statisticsStale(10_001, 20_001), "doubled");
    assertTrue(Licensing.statisticsStale(100_000, 10_000), "shrank to a tenth");
    assertFalse(Licensing.statisticsStale(190_001, 200_001), "5 % more");
    assertFalse(Licensing.statisticsStale(1_000_001, 1_000_001), "an upload of the same people");
  }
}
