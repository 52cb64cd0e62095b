package io.licensesync.monitoring;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes gauges in the Prometheus text exposition format (version 0.0.4): a {@code # HELP} and
 * {@code # TYPE} line once per metric name, then one line per sample.
 */
public final class PrometheusText {

  /** The content type Prometheus expects for this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String of(List<Readings.Gauge> gauges) {
    StringBuilder text = new StringBuilder();
    Set<String> described = new HashSet<>();
    for (Readings.Gauge gauge : gauges) {
      if (described.add(gauge.name())) {
        text.append("# HELP ")
            .append(gauge.name())
            .append(' ')
            .append(gauge.help().replace("\\", "\\\\").replace("\n", "\\n"))
            .append('\n');
        text.append("# TYPE ").append(gauge.name()).append(" gauge\n");
      }
      text.append(gauge.name());
      if (!gauge.labels().isEmpty()) {
        text.append('{').append(gauge.labels()).append('}');
      }
      text.append(' ').append(value(gauge.value())).append('\n');
    }
    return text.toString();
  }

  private static String value(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
