package io.licensesync.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetersTest {

  @Test
  void countersAddUpPerLabelSetWhateverTheOrderTheLabelsCameIn() {
    Meters meters = new Meters();
    meters.count(Metric.SYNC_RUNS, "outcome", "success", "trigger", "schedule");
    meters.count(Metric.SYNC_RUNS, "trigger", "schedule", "outcome", "success");
    meters.count(Metric.SYNC_RUNS, "outcome", "failure", "trigger", "schedule");
    List<Meters.Reading> readings = meters.readings();
    assertEquals(2, readings.size());
    Meters.Reading failure = readings.get(0);
    assertEquals("outcome=\"failure\",trigger=\"schedule\"", failure.series().labels());
    assertEquals(1, failure.count());
    assertEquals(2, readings.get(1).count());
  }

  @Test
  void aHistogramCountsEachObservationInItsBucketAndReportsThemCumulatively() {
    Meters meters = new Meters();
    meters.observe(Metric.SYNC_RUN_SECONDS, 0.5); // <= 1
    meters.observe(Metric.SYNC_RUN_SECONDS, 1.0); // <= 1, the bound included
    meters.observe(Metric.SYNC_RUN_SECONDS, 12); // <= 15
    meters.observe(Metric.SYNC_RUN_SECONDS, 7200); // above every bound
    Meters.Reading reading = meters.readings().get(0);
    assertEquals(4, reading.count());
    assertEquals(7213.5, reading.sum(), 1e-9);
    List<Long> cumulative = reading.cumulativeBuckets();
    assertEquals(Metric.SYNC_RUN_SECONDS.buckets().size(), cumulative.size());
    assertEquals(List.of(2L, 2L, 3L, 3L, 3L, 3L, 3L, 3L, 3L), cumulative);
  }

  @Test
  void labelValuesAreEscapedAndMustComeInPairs() {
    assertEquals("a=\"x\\\"y\\\\z\\n\"", Meters.labels("a", "x\"y\\z\n"));
    assertThrows(IllegalArgumentException.class, () -> Meters.labels("lonely"));
  }

  @Test
  void ticksAreRememberedByName() {
    Meters meters = new Meters();
    assertTrue(meters.lastTick(Meters.NODE_HEARTBEAT).isEmpty());
    meters.tick(Meters.NODE_HEARTBEAT);
    assertTrue(meters.lastTick(Meters.NODE_HEARTBEAT).isPresent());
  }
}
