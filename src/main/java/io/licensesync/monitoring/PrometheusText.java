package io.licensesync.monitoring;

import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
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
    return of(gauges, List.of());
  }

  /** The gauges, then the counters and histograms recorded on this node. */
  public static String of(List<Readings.Gauge> gauges, List<Meters.Reading> recorded) {
    StringBuilder text = new StringBuilder();
    Set<String> described = new HashSet<>();
    for (Readings.Gauge gauge : gauges) {
      describe(text, described, gauge.name(), gauge.help(), "gauge");
      sample(text, gauge.name(), gauge.labels(), gauge.value());
    }
    for (Meters.Reading reading : recorded) {
      Metric metric = reading.series().metric();
      String name = metric.prometheusName();
      String labels = reading.series().labels();
      if (!metric.histogram()) {
        describe(text, described, name, metric.help(), "counter");
        sample(text, name, labels, reading.count());
        continue;
      }
      describe(text, described, name, metric.help(), "histogram");
      List<Double> bounds = metric.buckets();
      for (int i = 0; i < bounds.size(); i++) {
        sample(
            text,
            name + "_bucket",
            joined(labels, "le=\"" + value(bounds.get(i)) + "\""),
            reading.cumulativeBuckets().get(i));
      }
      sample(text, name + "_bucket", joined(labels, "le=\"+Inf\""), reading.count());
      sample(text, name + "_sum", labels, reading.sum());
      sample(text, name + "_count", labels, reading.count());
    }
    return text.toString();
  }

  private static void describe(
      StringBuilder text, Set<String> described, String name, String help, String type) {
    if (described.add(name)) {
      text.append("# HELP ")
          .append(name)
          .append(' ')
          .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
  }

  private static void sample(StringBuilder text, String name, String labels, double value) {
    text.append(name);
    if (!labels.isEmpty()) {
      text.append('{').append(labels).append('}');
    }
    text.append(' ').append(value(value)).append('\n');
  }

  private static String joined(String labels, String more) {
    return labels.isEmpty() ? more : labels + "," + more;
  }

  private static String value(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
