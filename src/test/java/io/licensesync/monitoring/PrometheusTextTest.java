package io.licensesync.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void eachMetricIsDescribedOnceThenItsSamplesFollow() {
    String text =
        PrometheusText.of(
            List.of(
                new Readings.Gauge("licensesync_server_accounts", "Server user accounts", "", 13),
                new Readings.Gauge(
                    "jvm_memory_used_bytes", "JVM memory in use", "area=\"heap\"", 1024),
                new Readings.Gauge(
                    "jvm_memory_used_bytes", "JVM memory in use", "area=\"nonheap\"", 512),
                new Readings.Gauge(
                    "process_uptime_seconds", "Seconds since the JVM started", "", 1.5)));
    assertEquals(
        """
        # HELP licensesync_server_accounts Server user accounts
        # TYPE licensesync_server_accounts gauge
        licensesync_server_accounts 13
        # HELP jvm_memory_used_bytes JVM memory in use
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap"} 1024
        jvm_memory_used_bytes{area="nonheap"} 512
        # HELP process_uptime_seconds Seconds since the JVM started
        # TYPE process_uptime_seconds gauge
        process_uptime_seconds 1.5
        """,
        text);
  }

  @Test
  void countersAndHistogramsFollowTheGaugesInPrometheusForm() {
    io.licensesync.metrics.Meters meters = new io.licensesync.metrics.Meters();
    meters.count(io.licensesync.metrics.Metric.SIGN_INS_THROTTLED);
    meters.observe(io.licensesync.metrics.Metric.IMPORT_SECONDS, 0.3, "outcome", "applied");
    String text = PrometheusText.of(List.of(), meters.readings());
    assertTrue(text.contains("# TYPE licensesync_sign_ins_throttled_total counter\n"), text);
    assertTrue(text.contains("\nlicensesync_sign_ins_throttled_total 1\n"), text);
    assertTrue(
        text.contains("# TYPE licensesync_server_import_duration_seconds histogram\n"), text);
    assertTrue(
        text.contains(
            "licensesync_server_import_duration_seconds_bucket{outcome=\"applied\",le=\"0.1\"} 0\n"
                + "licensesync_server_import_duration_seconds_bucket{outcome=\"applied\",le=\"0.5\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "licensesync_server_import_duration_seconds_bucket{outcome=\"applied\",le=\"+Inf\"} 1\n"
                + "licensesync_server_import_duration_seconds_sum{outcome=\"applied\"} 0.3\n"
                + "licensesync_server_import_duration_seconds_count{outcome=\"applied\"} 1\n"),
        text);
  }
}
