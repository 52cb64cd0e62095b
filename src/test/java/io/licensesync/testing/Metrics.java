package io.licensesync.testing;

/**
 * Reads one sample of the Prometheus text {@code /metrics} answers, by its series as printed (name
 * and labels, e.g. {@code licensesync_cloud_uploads_total{outcome="applied",source="file"}}).
 */
public final class Metrics {

  private Metrics() {}

  /** The value of {@code series} in {@code text}; fails when there is no such sample. */
  public static double sample(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    throw new AssertionError("no sample " + series + " in\n" + text);
  }

  /** The value of {@code series}, or 0 before anything was counted in it. */
  public static double sampleOrZero(String text, String series) {
    return text.lines().anyMatch(line -> line.startsWith(series + " ")) ? sample(text, series) : 0;
  }
}
