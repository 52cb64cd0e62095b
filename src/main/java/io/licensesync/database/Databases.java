package io.licensesync.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;

/**
 * Tells a database that is away (restarted, failed over, unreachable) from any other failure, from
 * the exception alone: a lost or refused connection, or a pool that could not open one.
 */
public final class Databases {

  /** H2's "connection is broken" and "database is closed" (its own codes, not SQL's class 08). */
  private static final String H2_CONNECTION_BROKEN = "90067";

  private static final String H2_DATABASE_CLOSED = "90098";

  private Databases() {}

  /** Whether {@code thrown}, or anything that caused it, says the database could not be reached. */
  public static boolean away(Throwable thrown) {
    Throwable cause = thrown;
    for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof jakarta.resource.ResourceException
          || cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("57P01") // PostgreSQL: terminating connection (admin shutdown)
            || state.equals("57P02")
            || state.equals("57P03")
            || state.equals(H2_CONNECTION_BROKEN)
            || state.equals(H2_DATABASE_CLOSED)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A short reason for a log line: the outermost and innermost exception types and, for SQL, the
   * SQLState; never a message, which may quote the row's values.
   */
  public static String reason(Throwable thrown) {
    Throwable root = thrown;
    for (int depth = 0; root.getCause() != null && depth < 20; depth++) {
      root = root.getCause();
    }
    String state =
        root instanceof SQLException sql && sql.getSQLState() != null
            ? " (SQLState " + sql.getSQLState() + ")"
            : "";
    String kind = away(thrown) ? "the database is unreachable: " : "";
    return kind
        + thrown.getClass().getSimpleName()
        + (root == thrown ? "" : " caused by " + root.getClass().getSimpleName())
        + state;
  }

  /**
   * On PostgreSQL, fresh planner statistics for {@code tables} (names of our own tables, never
   * input) after this transaction wrote many of their rows: autovacuum has not seen them, and with
   * the statistics of a table that was nearly empty the planner probes or filters row by row what
   * it should look up through an index or join by hashing. Does nothing on other databases.
   */
  public static void analyze(Connection connection, String... tables) throws SQLException {
    if (tables.length > 0 && isPostgreSql(connection)) {
      try (Statement analyze = connection.createStatement()) {
        analyze.execute("ANALYZE " + String.join(", ", tables));
      }
    }
  }

  /**
   * {@link #analyze} for those of {@code tables} whose statistics are stale once this transaction's
   * {@code written} rows count: never gathered, or the table (as PostgreSQL's statistics collector
   * counts its committed rows, plus these) is at least twice what they counted. The planner's sizes
   * thus stay within a factor of two of the truth while a table grows by batches (a table analyzed
   * when nearly empty is the danger: row-by-row plans over what became large), and a growing table
   * is analyzed a logarithmic number of times, not at every batch (150 ms at 200,000 members).
   * Autovacuum, where it runs, keeps them closer. Does nothing on other databases.
   */
  public static void analyzeIfStale(Connection connection, long written, String... tables)
      throws SQLException {
    if (!isPostgreSql(connection)) {
      return;
    }
    java.util.List<String> stale = new java.util.ArrayList<>();
    for (String table : tables) {
      double[] rows = rows(connection, table);
      if (rows == null || rows[0] < 0 || Math.max(rows[1], rows[0]) + written >= 2 * rows[0]) {
        stale.add(table);
      }
    }
    analyze(connection, stale.toArray(String[]::new));
  }

  /** A table of this many times the scratch rows, or more, is joined with them by index probes. */
  static final int FEW = 8;

  /**
   * On PostgreSQL, makes the rest of the transaction join {@code rows} scratch rows with {@code
   * table} (one of our own tables, never input) by probing its indexes, once per scratch row, when
   * they are few against it: at most an eighth of its rows, as the statistics count them (the
   * larger of the last ANALYZE's count and the statistics collector's live rows). Hash and merge
   * joins are turned off, and JIT with them ({@link #withoutJit}); the connection has them back
   * when the transaction ends. Without this the planner reads the whole table for a few thousand
   * rows: 10,000 lines of a users report against a million accounts were hashed with all of them
   * (450 ms a statement, fresh statistics or not, about ten statements), where probing took 30 ms,
   * so each batch of an import cost more than the one before. Returns whether it did; does nothing
   * on other databases.
   */
  public static boolean probeIndexesWhenFew(Connection connection, long rows, String table)
      throws SQLException {
    if (!isPostgreSql(connection)) {
      return false;
    }
    double[] counted = rows(connection, table);
    if (counted == null || (double) rows * FEW > Math.max(counted[0], counted[1])) {
      return false;
    }
    try (Statement set = connection.createStatement()) {
      set.execute("SET LOCAL enable_hashjoin = off");
      set.execute("SET LOCAL enable_mergejoin = off");
    }
    withoutJit(connection);
    return true;
  }

  /**
   * PostgreSQL's counts of {@code table}'s rows: the last ANALYZE's (negative when never gathered)
   * and the statistics collector's committed live rows; null when there is no such table.
   */
  private static double[] rows(Connection connection, String table) throws SQLException {
    try (java.sql.PreparedStatement query =
        connection.prepareStatement(
            "SELECT c.reltuples, COALESCE(s.n_live_tup, 0) FROM pg_class c"
                + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                + " WHERE c.oid = to_regclass(?)")) {
      query.setString(1, table);
      try (java.sql.ResultSet row = query.executeQuery()) {
        return row.next() ? new double[] {row.getDouble(1), row.getLong(2)} : null;
      }
    }
  }

  /**
   * On PostgreSQL, makes {@code table} this connection's own for the transaction: a temporary table
   * of the same columns and indexes, created once per connection, which hides the shared one and is
   * emptied by truncation when the transaction ends. Scratch rows of a transaction then leave
   * nothing behind: deleted from a shared table they stay as dead rows until vacuumed, which never
   * happens where autovacuum is off, and every later statement on the table walks past them (a
   * users report imported in 10,000-line requests: each scan of the staged lines took 150 ms after
   * a million lines). Elsewhere (H2) nothing changes. Use only inside a transaction whose work on
   * the table ends with it.
   */
  public static void scratchOfTransaction(Connection connection, String table) throws SQLException {
    if (isPostgreSql(connection)) {
      try (java.sql.Statement create = connection.createStatement()) {
        create.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS "
                + table
                + " (LIKE "
                + table
                + " INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DELETE ROWS");
      }
    }
  }

  /**
   * Turns PostgreSQL's JIT compilation off for the rest of the current transaction: bulk work's
   * statements are planned as costly enough to compile, and compiling took longer than running them
   * (an upload's scoped people query at 1M people ran in 165 ms without it, 1,016 ms with it, in
   * UploadBenchmark on this machine). Does nothing on other databases or before PostgreSQL 11.
   */
  public static void withoutJit(Connection connection) throws SQLException {
    if (isPostgreSql(connection) && connection.getMetaData().getDatabaseMajorVersion() >= 11) {
      try (java.sql.Statement set = connection.createStatement()) {
        set.execute("SET LOCAL jit = off");
      }
    }
  }

  /**
   * Runs {@code sql} with the {@code values} as its first parameters and {@code ids} as the last,
   * one array parameter (for {@code = ANY(?)}, on H2 and PostgreSQL); nothing when {@code ids} is
   * empty. Returns the rows changed.
   */
  public static int updateByIds(
      Connection connection, String sql, java.util.Collection<Long> ids, long... values)
      throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    java.sql.Array array = connection.createArrayOf("bigint", ids.toArray(Long[]::new));
    try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setLong(i + 1, values[i]);
      }
      statement.setArray(values.length + 1, array);
      return statement.executeUpdate();
    } finally {
      array.free();
    }
  }

  /** Whether the connection's database is PostgreSQL (for its own SQL where H2's differs). */
  public static boolean isPostgreSql(Connection connection) throws SQLException {
    return connection
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(java.util.Locale.ROOT)
        .contains("postgresql");
  }
}
