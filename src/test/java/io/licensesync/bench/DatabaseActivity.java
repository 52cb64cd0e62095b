package io.licensesync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What PostgreSQL does in the background while a read is measured: its autovacuum workers (where
 * autovacuum is on, a million-row upload leaves them four tables of a million rows to vacuum and
 * analyse, throttled, for minutes; this machine's PostgreSQL runs with it off) and its checkpoints
 * (the upload's WAL is written out over {@code checkpoint_timeout}). Both share the machine's two
 * cores and its disk with the server and the load generator, so a read measured beside them is
 * slower than the same read at rest; each read's row says which it was, and {@link #settle} waits
 * for the background work to end before the reads (no-op on H2).
 */
final class DatabaseActivity implements AutoCloseable {

  private static final String SAMPLE =
      "SELECT (SELECT string_agg(regexp_replace(query, '^autovacuum: ', ''), ', ')"
          + " FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
          + " AND query LIKE 'autovacuum:%'),"
          + " (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)";

  private final Connection connection;
  private final Thread sampler;
  private final Set<String> vacuumed = new TreeSet<>();
  private volatile boolean running = true;
  private int samples;
  private int busy;
  private long checkpointsAtStart = -1;
  private long checkpoints = -1;

  private DatabaseActivity(Connection connection) {
    this.connection = connection;
    this.sampler = new Thread(this::sample, "bench-database-activity");
    sampler.setDaemon(true);
  }

  /** Samples the activity every 200 ms until closed; null on H2. */
  static DatabaseActivity watch(String url) throws SQLException {
    if (!url.startsWith("jdbc:postgresql:")) {
      return null;
    }
    DatabaseActivity activity =
        new DatabaseActivity(
            DriverManager.getConnection(url, BenchSupport.user(), BenchSupport.password()));
    activity.sampler.start();
    return activity;
  }

  private void sample() {
    try (Statement s = connection.createStatement()) {
      while (running) {
        try (ResultSet row = s.executeQuery(SAMPLE)) {
          row.next();
          String workers = row.getString(1);
          long done = row.getLong(2);
          synchronized (this) {
            samples++;
            if (workers != null) {
              busy++;
              for (String table : workers.split(", ")) {
                vacuumed.add(table.replaceAll(" \\(to prevent wraparound\\)", "").strip());
              }
            }
            if (checkpointsAtStart < 0) {
              checkpointsAtStart = done;
            }
            checkpoints = done;
          }
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    } catch (SQLException | InterruptedException e) {
      running = false;
    }
  }

  /** How busy the database was in the background, as one clause of a row's figure. */
  synchronized String describe() {
    if (samples == 0) {
      return "database background: not sampled";
    }
    return "database background: autovacuum in "
        + busy
        + " of "
        + samples
        + " samples"
        + (vacuumed.isEmpty() ? "" : " (" + String.join("; ", vacuumed) + ")")
        + ", "
        + (checkpoints - checkpointsAtStart)
        + " checkpoints ended";
  }

  @Override
  public void close() throws SQLException {
    running = false;
    try {
      sampler.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }

  /**
   * Waits, at most {@code maxSeconds}, until no autovacuum worker has run for 5 s in a row, then
   * asks for a checkpoint (the upload's WAL written out now rather than during the reads); says
   * what it waited for. On H2 nothing runs in the background: returns at once.
   */
  static String settle(String url, int maxSeconds) throws Exception {
    if (!url.startsWith("jdbc:postgresql:")) {
      return "H2: nothing to wait for";
    }
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
    long quietSince = System.nanoTime();
    Set<String> seen = new TreeSet<>();
    try (Connection c =
            DriverManager.getConnection(url, BenchSupport.user(), BenchSupport.password());
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        String workers;
        try (ResultSet row = s.executeQuery(SAMPLE)) {
          row.next();
          workers = row.getString(1);
        }
        if (workers != null) {
          seen.add(workers);
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince >= TimeUnit.SECONDS.toNanos(5)) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(250);
      }
      boolean quiet = System.nanoTime() < deadline;
      long checkpoint = System.nanoTime();
      String checkpointed;
      try {
        s.execute("CHECKPOINT");
        checkpointed = "CHECKPOINT " + Math.round((System.nanoTime() - checkpoint) / 1e6) + " ms";
      } catch (SQLException refused) {
        // a role without pg_checkpoint: the reads go on, and the row says so
        checkpointed = "no CHECKPOINT (" + refused.getMessage() + ")";
      }
      return (quiet ? "autovacuum idle" : "autovacuum STILL RUNNING")
          + " after "
          + Math.round((checkpoint - start) / 1e9)
          + " s"
          + (seen.isEmpty() ? "" : " (seen: " + String.join("; ", seen) + ")")
          + "; "
          + checkpointed;
    }
  }
}
