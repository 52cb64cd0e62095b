package io.licensesync.server.accounts.control;

import io.licensesync.database.Databases;
import io.licensesync.database.StoredTime;
import io.licensesync.server.accounts.entity.AccountEmail;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.ImportReport.LineError;
import io.licensesync.server.accounts.entity.UserAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One users report import's lines in the scratch table {@code users_import_line}, on the connection
 * of the import's transaction: lines are inserted in multi-row batches as they are read; duplicates
 * within the file and conflicts with the accounts already here are then found with a few set-based
 * queries, and the good lines written with a few {@code insert … select} and {@code update}
 * statements — never a query per line, whatever the size of the report. Plain portable SQL, the
 * same on H2 and PostgreSQL. Only the lines with problems are kept in memory (they are the answer).
 */
public final class UsersReportStaging implements AutoCloseable {

  /** Lines per multi-row insert (13 parameters each, well under both databases' limits). */
  static final int ROWS_PER_INSERT = 250;

  /** Line numbers per {@code in (…)} list. */
  static final int LINES_PER_IN = 1000;

  /** Staged lines from which PostgreSQL's statistics on them are refreshed before the checks. */
  static final int ANALYZE_FROM = 10_000;

  /** Keys longer than this (only on lines that are bad anyway) are stored as their digest. */
  static final int MAX_KEY = 1000;

  /** The reason an account suspended by the report is given. */
  static final String SUSPENSION_REASON = "Suspended in the imported users report";

  private static final String COLUMNS =
      "import_id, line, account_id, login_key, email_key, valid, login, account_type, email,"
          + " site_admin, suspended, created_at, last_active_at";
  private static final String ONE_ROW = "(?,?,?,?,?,?,?,?,?,?,?,?,?)";

  private final Connection connection;
  private final long importId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  private final List<ReportLine> pending = new ArrayList<>(ROWS_PER_INSERT);
  private final TreeMap<Long, Problems> problems = new TreeMap<>();
  private PreparedStatement fullInsert;
  private int validLines;
  private int staged;

  /**
   * Stages on {@code connection}, inside its transaction; on PostgreSQL into the connection's own
   * copy of the scratch table ({@link Databases#scratchOfTransaction}), so an import leaves no dead
   * rows for the next one to scan.
   */
  public UsersReportStaging(Connection connection) throws SQLException {
    this.connection = connection;
    Databases.scratchOfTransaction(connection, "users_import_line");
  }

  /** How a write went. */
  public record Counts(int created, int updated, int unchanged, long maxCreatedId) {}

  /** What is wrong with one line: its own problems, then the lines it repeats. */
  private static final class Problems {
    final List<String> own;
    final String login;
    String idAgain;
    String loginAgain;
    String emailAgain;
    String conflict;

    Problems(List<String> own, String login) {
      this.own = own;
      this.login = login;
    }

    String message() {
      List<String> all = new ArrayList<>(own);
      for (String p : new String[] {idAgain, loginAgain, emailAgain, conflict}) {
        if (p != null) {
          all.add(p);
        }
      }
      return String.join("; ", all);
    }
  }

  /** Takes one line of the report: stages what it claims and, when valid, what it says. */
  public void add(ReportLine line) {
    if (!line.problems().isEmpty()) {
      problems.put(line.line(), new Problems(line.problems(), line.login()));
    }
    if (line.row() == null
        && line.id() <= 0
        && line.loginKey() == null
        && line.emailKey() == null) {
      return;
    }
    if (line.row() != null) {
      validLines++;
    }
    pending.add(line);
    staged++;
    if (pending.size() == ROWS_PER_INSERT) {
      flush();
    }
  }

  /** Takes a line already refused before staging (it claims nothing). */
  public void refuse(LineError error) {
    problems.put(error.line(), new Problems(List.of(error.message()), null));
  }

  /**
   * Every bad line, in line order: its own problems, the id, login or email of an earlier line, or
   * a login or email that another account holds.
   */
  public List<LineError> check() {
    flush();
    try {
      Databases.probeIndexesWhenFew(connection, staged, "user_account");
      analyze();
      repeated("account_id", "id");
      repeated("login_key", "login");
      repeated("email_key", "email");
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT s.line, s.login, a.id FROM users_import_line s"
                  + " JOIN user_account a ON a.login_key = s.login_key"
                  + " WHERE s.import_id = ? AND s.valid AND a.id <> s.account_id")) {
        s.setLong(1, importId);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            conflict(
                r.getLong(1),
                "login '"
                    + r.getString(2)
                    + "' belongs to another account (id "
                    + r.getLong(3)
                    + ")");
          }
        }
      }
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT s.line, e.account_id FROM users_import_line s"
                  + " JOIN account_email e ON e.address_key = s.email_key"
                  + " WHERE s.import_id = ? AND s.valid AND s.email IS NOT NULL"
                  + " AND e.account_id <> s.account_id")) {
        s.setLong(1, importId);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            conflict(r.getLong(1), "email belongs to another account (id " + r.getLong(2) + ")");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking the staged users report failed", e);
    }
    List<LineError> errors = new ArrayList<>(problems.size());
    problems.forEach((line, p) -> errors.add(new LineError(line, p.message())));
    return errors;
  }

  /**
   * On PostgreSQL, fresh statistics for a large import, so the checks and writes below join by
   * hashing instead of probing an index once per line (the rows are this transaction's, which
   * autovacuum has not seen). A batch that is small against the accounts already here probes their
   * indexes instead, whatever the statistics ({@link Databases#probeIndexesWhenFew}): its cost then
   * stays that of its own lines however many accounts there are.
   */
  private void analyze() throws SQLException {
    if (staged >= ANALYZE_FROM) {
      Databases.analyze(connection, "users_import_line");
    }
  }

  /** Lines whose {@code column} an earlier line has, with the first such line. */
  private void repeated(String column, String what) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT line, first_line, account_id, login FROM (SELECT line, account_id, login,"
                + " MIN(line) OVER (PARTITION BY "
                + column
                + ") AS first_line FROM users_import_line WHERE import_id = ? AND "
                + column
                + " IS NOT NULL) d WHERE line <> first_line")) {
      s.setLong(1, importId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long line = r.getLong(1);
          long first = r.getLong(2);
          Problems p = problems.get(line);
          if (p == null) {
            p = new Problems(List.of(), r.getString(4));
            problems.put(line, p);
          }
          switch (what) {
            case "id" -> p.idAgain = UsersReport.idAgain(r.getLong(3), first);
            case "login" -> p.loginAgain = UsersReport.loginAgain(p.login, first);
            default -> p.emailAgain = UsersReport.emailAgain(first);
          }
        }
      }
    }
  }

  /** A valid, unrepeated line that cannot apply: only its first conflict is told. */
  private void conflict(long line, String message) {
    if (!problems.containsKey(line)) {
      Problems p = new Problems(List.of(), null);
      p.conflict = message;
      problems.put(line, p);
    }
  }

  /**
   * Writes the valid lines that {@link #check} did not refuse: creates the accounts that are new,
   * updates those that changed, and makes each line's email its account's primary one.
   */
  public Counts write() {
    try {
      List<Long> refused = new ArrayList<>();
      problems.forEach(
          (line, p) -> {
            if (p.own.isEmpty()) {
              refused.add(line);
            }
          });
      for (int from = 0; from < refused.size(); from += LINES_PER_IN) {
        List<Long> chunk = refused.subList(from, Math.min(refused.size(), from + LINES_PER_IN));
        try (PreparedStatement s =
            connection.prepareStatement(
                "UPDATE users_import_line SET valid = FALSE WHERE import_id = ? AND line IN ("
                    + "?,".repeat(chunk.size() - 1)
                    + "?)")) {
          s.setLong(1, importId);
          for (int i = 0; i < chunk.size(); i++) {
            s.setLong(i + 2, chunk.get(i));
          }
          s.executeUpdate();
        }
      }
      int valid = validLines - refused.size();
      int created =
          update(
              "UPDATE users_import_line s SET action = 'C' WHERE import_id = ? AND valid"
                  + " AND NOT EXISTS (SELECT 1 FROM user_account a WHERE a.id = s.account_id)");
      String primaryDiffers =
          "s.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM account_email p"
              + " WHERE p.account_id = s.account_id AND p.is_primary AND p.address = s.email)";
      int updated =
          update(
              "UPDATE users_import_line s SET action = 'U', email_change = ("
                  + primaryDiffers
                  + ") WHERE import_id = ? AND valid AND action IS NULL AND EXISTS (SELECT 1"
                  + " FROM user_account a WHERE a.id = s.account_id AND (a.login <> s.login"
                  + " OR a.site_admin <> s.site_admin OR (a.suspended_at IS NOT NULL) <> s.suspended"
                  + " OR a.created_at <> s.created_at"
                  + " OR a.last_active_at IS DISTINCT FROM s.last_active_at OR ("
                  + primaryDiffers
                  + ")))");
      OffsetDateTime now = OffsetDateTime.ofInstant(StoredTime.now(), ZoneOffset.UTC);
      if (created > 0) {
        try (PreparedStatement s =
            connection.prepareStatement(
                "INSERT INTO user_account (id, login, login_key, account_type, site_admin,"
                    + " suspended_at, suspension_reason, created_at, last_active_at, version)"
                    + " SELECT account_id, login, login_key, account_type, site_admin,"
                    + " CASE WHEN suspended THEN CAST(? AS TIMESTAMP(6) WITH TIME ZONE) END,"
                    + " CASE WHEN suspended THEN CAST(? AS VARCHAR(500)) END,"
                    + " created_at, last_active_at, 0"
                    + " FROM users_import_line WHERE import_id = ? AND action = 'C'")) {
          s.setObject(1, now);
          s.setString(2, SUSPENSION_REASON);
          s.setLong(3, importId);
          s.executeUpdate();
        }
        update(
            "INSERT INTO account_email (account_id, address, address_key, is_primary)"
                + " SELECT account_id, email, email_key, TRUE FROM users_import_line"
                + " WHERE import_id = ? AND action = 'C' AND email IS NOT NULL");
      }
      if (updated > 0) {
        try (PreparedStatement s =
            connection.prepareStatement(
                "UPDATE user_account a SET (login, login_key, site_admin, suspended_at,"
                    + " suspension_reason, created_at, last_active_at, version) = (SELECT s.login,"
                    + " s.login_key, s.site_admin, CASE WHEN NOT s.suspended THEN NULL"
                    + " WHEN a.suspended_at IS NOT NULL THEN a.suspended_at"
                    + " ELSE CAST(? AS TIMESTAMP(6) WITH TIME ZONE) END,"
                    + " CASE WHEN NOT s.suspended THEN NULL"
                    + " WHEN a.suspended_at IS NOT NULL THEN a.suspension_reason"
                    + " ELSE CAST(? AS VARCHAR(500)) END,"
                    + " s.created_at, s.last_active_at, a.version + 1 FROM users_import_line s"
                    + " WHERE s.import_id = ? AND s.action = 'U' AND s.account_id = a.id)"
                    + " WHERE a.id IN (SELECT account_id FROM users_import_line"
                    + " WHERE import_id = ? AND action = 'U')")) {
          s.setObject(1, now);
          s.setString(2, SUSPENSION_REASON);
          s.setLong(3, importId);
          s.setLong(4, importId);
          s.executeUpdate();
        }
        update(
            "UPDATE account_email SET is_primary = FALSE WHERE is_primary AND account_id IN"
                + " (SELECT account_id FROM users_import_line"
                + " WHERE import_id = ? AND action = 'U' AND email_change)");
        update(
            "UPDATE account_email e SET is_primary = TRUE WHERE EXISTS (SELECT 1"
                + " FROM users_import_line s WHERE s.import_id = ? AND s.action = 'U'"
                + " AND s.email_change AND s.account_id = e.account_id"
                + " AND s.email_key = e.address_key)");
        update(
            "INSERT INTO account_email (account_id, address, address_key, is_primary)"
                + " SELECT s.account_id, s.email, s.email_key, TRUE FROM users_import_line s"
                + " WHERE s.import_id = ? AND s.action = 'U' AND s.email_change"
                + " AND NOT EXISTS (SELECT 1 FROM account_email e"
                + " WHERE e.account_id = s.account_id AND e.address_key = s.email_key)");
      }
      long maxCreatedId = 0;
      if (created > 0) {
        try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT MAX(account_id) FROM users_import_line"
                    + " WHERE import_id = ? AND action = 'C'")) {
          s.setLong(1, importId);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            maxCreatedId = r.getLong(1);
          }
        }
      }
      return new Counts(created, updated, valid - created - updated, maxCreatedId);
    } catch (SQLException e) {
      throw new IllegalStateException("writing the staged users report failed", e);
    }
  }

  /** Removes this import's lines from the scratch table. */
  public void discard() {
    try {
      update("DELETE FROM users_import_line WHERE import_id = ?");
    } catch (SQLException e) {
      throw new IllegalStateException("removing the staged users report failed", e);
    }
  }

  /** Runs a statement whose every parameter is this import's id. */
  private int update(String sql) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      int parameters = (int) sql.chars().filter(c -> c == '?').count();
      for (int i = 1; i <= parameters; i++) {
        s.setLong(i, importId);
      }
      return s.executeUpdate();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      PreparedStatement s;
      if (pending.size() == ROWS_PER_INSERT) {
        if (fullInsert == null) {
          fullInsert = connection.prepareStatement(insert(ROWS_PER_INSERT));
        }
        s = fullInsert;
      } else {
        s = connection.prepareStatement(insert(pending.size()));
      }
      try {
        int i = 1;
        for (ReportLine line : pending) {
          i = bind(s, i, line);
        }
        s.executeUpdate();
      } finally {
        if (s != fullInsert) {
          s.close();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("staging the users report failed", e);
    }
    pending.clear();
  }

  private static String insert(int rows) {
    return "INSERT INTO users_import_line ("
        + COLUMNS
        + ") VALUES "
        + (ONE_ROW + ",").repeat(rows - 1)
        + ONE_ROW;
  }

  private int bind(PreparedStatement s, int i, ReportLine line) throws SQLException {
    ReportRow row = line.row();
    s.setLong(i++, importId);
    s.setLong(i++, line.line());
    if (line.id() > 0) {
      s.setLong(i++, line.id());
    } else {
      s.setNull(i++, Types.BIGINT);
    }
    if (row != null) {
      s.setString(i++, UserAccount.keyOf(row.login()));
      s.setString(i++, row.email() == null ? null : AccountEmail.keyOf(row.email()));
      s.setBoolean(i++, true);
      s.setString(i++, row.login());
      s.setString(i++, AccountType.ofLogin(row.login()).name());
      s.setString(i++, row.email());
      s.setBoolean(i++, row.siteAdmin());
      s.setBoolean(i++, row.suspended());
      i = time(s, i, row.createdAt());
      return time(s, i, row.lastActive());
    }
    s.setString(i++, bounded(line.loginKey()));
    s.setString(i++, bounded(line.emailKey()));
    s.setBoolean(i++, false);
    s.setNull(i++, Types.VARCHAR);
    s.setNull(i++, Types.VARCHAR);
    s.setNull(i++, Types.VARCHAR);
    s.setNull(i++, Types.BOOLEAN);
    s.setNull(i++, Types.BOOLEAN);
    i = time(s, i, null);
    return time(s, i, null);
  }

  private static int time(PreparedStatement s, int i, Instant time) throws SQLException {
    if (time == null) {
      s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(i, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
    }
    return i + 1;
  }

  /**
   * A key as stored: itself, or its SHA-256 when longer than the column or holding a NUL (equal
   * keys stay equal).
   */
  static String bounded(String key) {
    // PostgreSQL text cannot hold a NUL character: such a key (of a line refused anyway) is hashed
    if (key == null || (key.length() <= MAX_KEY && key.indexOf('\u0000') < 0)) {
      return key;
    }
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (fullInsert != null) {
      try {
        fullInsert.close();
      } catch (SQLException e) {
        // the connection goes back to the pool with the transaction; nothing left to free
      }
    }
  }
}
