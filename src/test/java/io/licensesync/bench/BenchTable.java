package io.licensesync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The one table of a benchmark run: every benchmark adds its rows (operation, size, time, the floor
 * measured in the same run, ratio, peak heap after a GC, p50/p99 of the reads); when the run ends
 * this listener prints them together, writes {@code target/bench-table.txt} and appends them to
 * {@code docs/bench-history.tsv} with the date, the commit and the database, so regressions show.
 * Registered through {@code META-INF/services}; a run that recorded no rows prints nothing.
 */
public final class BenchTable implements TestExecutionListener {

  /** One measured operation; {@code floorNanos}, {@code p50Nanos}, {@code p99Nanos} 0 when none. */
  record Row(
      String operation,
      String size,
      long nanos,
      long floorNanos,
      String heap,
      long p50Nanos,
      long p99Nanos,
      String note) {}

  private static final List<Row> ROWS = new ArrayList<>();
  private static String database = "";

  static synchronized void add(Row row) {
    ROWS.add(row);
  }

  /** A size as the table shows it: 100k, 1M, or the number. */
  static String size(long n) {
    if (n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    return n % 1000 == 0 ? n / 1000 + "k" : Long.toString(n);
  }

  static synchronized void database(String url) {
    database = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    List<Row> rows;
    synchronized (BenchTable.class) {
      rows = List.copyOf(ROWS);
      ROWS.clear();
    }
    if (rows.isEmpty()) {
      return;
    }
    String commit = commit();
    String header =
        String.format(
            Locale.ROOT,
            "%-58s %9s %10s %10s %7s %-22s %9s %9s  %s",
            "operation",
            "size",
            "time",
            "floor",
            "ratio",
            "peak heap after GC",
            "p50",
            "p99",
            "note");
    StringBuilder table = new StringBuilder();
    table
        .append("license-sync benchmarks on ")
        .append(database)
        .append(", commit ")
        .append(commit)
        .append(", load ")
        .append(BenchSupport.loadAverage())
        .append('\n')
        .append(header)
        .append('\n')
        .append("-".repeat(header.length()))
        .append('\n');
    StringBuilder history = new StringBuilder();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    for (Row r : rows) {
      table.append(
          String.format(
              Locale.ROOT,
              "%-58s %9s %10s %10s %7s %-22s %9s %9s  %s%n",
              r.operation(),
              r.size(),
              time(r.nanos()),
              time(r.floorNanos()),
              r.floorNanos() == 0 ? "—" : BenchSupport.ratio(r.nanos(), r.floorNanos()),
              r.heap(),
              time(r.p50Nanos()),
              time(r.p99Nanos()),
              r.note()));
      history
          .append(
              String.join(
                  "\t",
                  date,
                  commit,
                  database,
                  r.operation(),
                  r.size(),
                  Long.toString(r.nanos() / 1_000_000),
                  Long.toString(r.floorNanos() / 1_000_000),
                  r.floorNanos() == 0 ? "" : BenchSupport.ratio(r.nanos(), r.floorNanos()),
                  r.heap(),
                  r.p50Nanos() == 0 ? "" : Double.toString(r.p50Nanos() / 1e6),
                  r.p99Nanos() == 0 ? "" : Double.toString(r.p99Nanos() / 1e6),
                  r.note().replace('\t', ' ')))
          .append('\n');
    }
    System.out.println();
    System.out.print(table);
    try {
      Path target = Path.of(System.getProperty("it.buildDirectory", "target"));
      Files.writeString(target.resolve("bench-table.txt"), table, StandardCharsets.UTF_8);
      Path file = historyFile(target);
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            "date\tcommit\tdatabase\toperation\tsize\ttime_ms\tfloor_ms\tratio\tpeak_heap\tp50_ms\tp99_ms\tnote\n");
      }
      Files.writeString(file, history, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      System.out.println("appended to " + file);
    } catch (IOException e) {
      System.out.println("could not write the benchmark history: " + e);
    }
  }

  /** docs/bench-history.tsv of the project (the build directory's parent). */
  private static Path historyFile(Path target) {
    Path project = target.toAbsolutePath().getParent();
    return Path.of(
        System.getProperty("bench.history", project.resolve("docs/bench-history.tsv").toString()));
  }

  private static String time(long nanos) {
    if (nanos == 0) {
      return "—";
    }
    return nanos < 1_000_000_000L
        ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** The commit checked out (with {@code +changes} when the tree differs from it). */
  private static String commit() {
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty=+changes", "--abbrev=10")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(10, TimeUnit.SECONDS);
      return p.exitValue() == 0 ? out : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
