package io.licensesync.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters, histograms and timer ticks. Recording never fails the work it measures and
 * never holds a lock across threads. Labels are given as name/value pairs, e.g. {@code
 * count(Metric.SYNC_RUNS, "outcome", "success")}; their values must never be personal data.
 */
@ApplicationScoped
public class Meters {

  /** One labelled series of a metric. */
  public record Series(Metric metric, String labels) {}

  /** What a series holds: a count (counters), or bucket counts, sum and count (histograms). */
  public record Reading(Series series, long count, double sum, List<Long> cumulativeBuckets) {}

  private static final class Cell {
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();
    final LongAdder[] buckets;

    Cell(int bucketCount) {
      buckets = new LongAdder[bucketCount];
      for (int i = 0; i < bucketCount; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  /** The timers whose ticks liveness watches, by the names they record them under. */
  public static final String NODE_HEARTBEAT = "node heartbeat";

  public static final String LICENSE_SYNC_CHECK = "license-sync due check";

  private final Map<Series, Cell> cells = new ConcurrentHashMap<>();
  private final Map<String, Instant> ticks = new ConcurrentHashMap<>();

  /** Adds one to a counter. */
  public void count(Metric metric, String... labels) {
    add(metric, 1, labels);
  }

  /** Adds {@code amount} to a counter. */
  public void add(Metric metric, long amount, String... labels) {
    cell(metric, labels).count.add(amount);
  }

  /** Records one observation of a histogram. */
  public void observe(Metric metric, double value, String... labels) {
    Cell cell = cell(metric, labels);
    cell.count.increment();
    cell.sum.add(value);
    List<Double> bounds = metric.buckets();
    for (int i = 0; i < bounds.size(); i++) {
      if (value <= bounds.get(i)) {
        cell.buckets[i].increment();
        break;
      }
    }
  }

  /** Notes that the timer {@code name} ran now (for liveness). */
  public void tick(String name) {
    ticks.put(name, Instant.now());
  }

  public Optional<Instant> lastTick(String name) {
    return Optional.ofNullable(ticks.get(name));
  }

  /** Every series recorded so far, by metric then labels. */
  public List<Reading> readings() {
    List<Reading> all = new ArrayList<>();
    cells.forEach(
        (series, cell) -> {
          List<Long> cumulative = new ArrayList<>();
          long running = 0;
          for (LongAdder bucket : cell.buckets) {
            running += bucket.sum();
            cumulative.add(running);
          }
          all.add(new Reading(series, cell.count.sum(), cell.sum.sum(), cumulative));
        });
    all.sort(
        Comparator.comparing((Reading r) -> r.series().metric().ordinal())
            .thenComparing(r -> r.series().labels()));
    return all;
  }

  private Cell cell(Metric metric, String... labels) {
    return cells.computeIfAbsent(
        new Series(metric, labels(labels)), s -> new Cell(metric.buckets().size()));
  }

  /** {@code a="x",b="y"} in name order, values escaped as Prometheus wants. */
  public static String labels(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      sorted.put(labels[i], labels[i + 1] == null ? "" : labels[i + 1]);
    }
    StringBuilder text = new StringBuilder();
    sorted.forEach(
        (name, value) -> {
          if (!text.isEmpty()) {
            text.append(',');
          }
          text.append(name)
              .append("=\"")
              .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
              .append('"');
        });
    return text.toString();
  }
}
