package io.licensesync.cloud.instances.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes many rows into one table over the caller's JDBC connection (and so its transaction) in the
 * fastest way the database offers: {@code COPY … FROM STDIN} through the PostgreSQL driver, JDBC
 * batches anywhere else (H2, or a connection the pool does not let us unwrap). Only a batch of rows
 * is held at a time. Row-at-a-time JPA is what this replaces: at a million rows it was most of an
 * upload's time.
 *
 * <p>An <em>exclusive</em> writer keeps one COPY open until {@link #close()}, so the database
 * stores rows while the caller still produces them; the connection must not run anything else
 * meanwhile. Rows are in the table after {@link #finish()}; {@link #close()} without it abandons
 * them. A shared writer (the caller reads a cursor on the same connection between rows) sends each
 * batch as a COPY of its own.
 */
public final class BulkInsert implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BulkInsert.class.getName());
  private static final int BATCH_ROWS = 1000;
  private static final int COPY_CHUNK_BYTES = 1 << 16;
  private static final int SHARED_COPY_BYTES = 4 << 20;

  private final String table;
  private final String[] columns;
  private final int[] types;
  private final boolean exclusive;
  private final CopyManager copy;
  private final Connection connection;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_CHUNK_BYTES * 2);
  private CopyIn copyIn;

  /** One row's text, kept between rows (its capacity grows to the widest row once). */
  private final StringBuilder line = new StringBuilder(256);

  private PreparedStatement insert;
  private int batched;
  private long rows;

  private BulkInsert(
      Connection connection, String table, String[] columns, int[] types, boolean exclusive) {
    if (columns.length != types.length) {
      throw new IllegalArgumentException("one SQL type per column");
    }
    this.connection = connection;
    this.table = table;
    this.columns = columns.clone();
    this.types = types.clone();
    this.exclusive = exclusive;
    this.copy = copyManager(connection);
  }

  /**
   * A writer of {@code columns} (of JDBC {@code types}, {@link Types}) into {@code table}; {@code
   * exclusive} when nothing else uses the connection until {@link #close()}.
   */
  public static BulkInsert into(
      Connection connection, String table, String[] columns, int[] types, boolean exclusive) {
    return new BulkInsert(connection, table, columns, types, exclusive);
  }

  /** Whether this connection writes with COPY (PostgreSQL reachable through the pool's wrapper). */
  public static boolean copies(Connection connection) {
    return copyManager(connection) != null;
  }

  private static CopyManager copyManager(Connection connection) {
    try {
      if (connection.isWrapperFor(PGConnection.class)) {
        return connection.unwrap(PGConnection.class).getCopyAPI();
      }
    } catch (SQLException | LinkageError | RuntimeException e) {
      LOG.log(
          Level.FINE,
          "The connection does not unwrap to the PostgreSQL driver's; using JDBC batches",
          e);
    }
    return null;
  }

  /** Adds one row: values in column order (String, Number, Boolean, byte[] or null). */
  public void row(Object... values) throws SQLException {
    if (values.length != columns.length) {
      throw new IllegalArgumentException(
          "expected " + columns.length + " values, got " + values.length);
    }
    rows++;
    if (copy != null) {
      copyRow(values);
    } else {
      batchRow(values);
    }
  }

  /** Rows given so far (some may still be buffered until {@link #finish()}). */
  public long rows() {
    return rows;
  }

  /**
   * Sends what is buffered; for a shared writer the connection is then free for other statements
   * (an exclusive one keeps its COPY open until {@link #finish()}).
   */
  public void flush() throws SQLException {
    if (copy != null) {
      if (exclusive) {
        sendChunk();
      } else if (buffer.size() > 0) {
        try {
          copy.copyIn(copySql(), new ByteArrayInputStream(buffer.toByteArray()));
        } catch (IOException e) {
          throw new SQLException("COPY into " + table + " failed", e);
        }
        buffer.reset();
      }
    } else if (batched > 0) {
      insert.executeBatch();
      batched = 0;
    }
  }

  /** Sends every row still buffered and ends the COPY: the rows are then in the table. */
  public void finish() throws SQLException {
    flush();
    if (copyIn != null) {
      CopyIn open = copyIn;
      copyIn = null;
      open.endCopy();
    }
  }

  /**
   * Releases the statement; a COPY not {@link #finish() finished} is cancelled, so a failure while
   * the rows were produced leaves the connection usable (the transaction then rolls back).
   */
  @Override
  public void close() throws SQLException {
    try {
      if (copyIn != null && copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Cancelling an unfinished COPY into " + table + " failed", e);
    } finally {
      copyIn = null;
      if (insert != null) {
        insert.close();
      }
    }
  }

  // ------------------------------------------------------------------------------------- COPY

  private String copySql() {
    return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
  }

  private void copyRow(Object[] values) throws SQLException {
    StringBuilder line = this.line;
    line.setLength(0);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append('\t');
      }
      appendCopyValue(line, values[i]);
    }
    line.append('\n');
    buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    if (buffer.size() >= (exclusive ? COPY_CHUNK_BYTES : SHARED_COPY_BYTES)) {
      flush();
    }
  }

  /** COPY's text format: {@code \N} for null, backslash escapes for the separators. */
  static void appendCopyValue(StringBuilder line, Object value) {
    if (value == null) {
      line.append("\\N");
      return;
    }
    if (value instanceof Boolean b) {
      line.append(b ? 't' : 'f');
      return;
    }
    if (value instanceof byte[] bytes) {
      // bytea's hex form, its backslash escaped for COPY's text format
      line.append("\\\\x").append(HexFormat.of().formatHex(bytes));
      return;
    }
    String text = value.toString();
    // most values hold no separator: appended whole (one array copy), not char by char (a third
    // of a first upload's CPU went into the per-char appends)
    int first = firstSeparator(text);
    if (first < 0) {
      line.append(text);
      return;
    }
    line.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> line.append("\\\\");
        case '\t' -> line.append("\\t");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        default -> line.append(c);
      }
    }
  }

  /** Where the first character COPY's text format escapes is in {@code text}; -1 if none. */
  private static int firstSeparator(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  private void sendChunk() throws SQLException {
    if (buffer.size() == 0) {
      return;
    }
    if (copyIn == null) {
      copyIn = copy.copyIn(copySql());
    }
    byte[] bytes = buffer.toByteArray();
    copyIn.writeToCopy(bytes, 0, bytes.length);
    buffer.reset();
  }

  // ---------------------------------------------------------------------------------- batches

  private void batchRow(Object[] values) throws SQLException {
    if (insert == null) {
      insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table
                  + " ("
                  + String.join(", ", columns)
                  + ") VALUES ("
                  + Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", "))
                  + ")");
    }
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        insert.setNull(i + 1, types[i]);
      } else if (value instanceof String s) {
        insert.setString(i + 1, s);
      } else if (value instanceof Boolean b) {
        insert.setBoolean(i + 1, b);
      } else if (value instanceof Integer n) {
        insert.setInt(i + 1, n);
      } else if (value instanceof Long n) {
        insert.setLong(i + 1, n);
      } else if (value instanceof byte[] bytes) {
        insert.setBytes(i + 1, bytes);
      } else {
        insert.setObject(i + 1, value, types[i]);
      }
    }
    insert.addBatch();
    if (++batched >= BATCH_ROWS) {
      flush();
    }
  }
}
