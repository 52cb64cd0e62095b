package io.licensesync.cloud.licensing.control;

import io.licensesync.database.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * After matching rewrote an enterprise's consumed licenses: keeps since when each person counts
 * ({@code person_seen}: people new to the list are added with {@code now}, people no longer on it
 * are dropped — two set-based statements, no row read into memory; a Server-only person by email
 * keeps their sort key there too, which is how their explanation finds their consumed license, see
 * V26) and records the change with its cause and the number of people added and removed ({@code
 * seat_change}), forgetting changes older than the seat history.
 */
public final class SeatChanges {

  private SeatChanges() {}

  public static void record(
      Connection connection,
      long enterpriseId,
      Instant now,
      String cause,
      int seatsBefore,
      int seatsAfter,
      LocalDate keepFrom)
      throws SQLException {
    int added =
        update(
            connection,
            "INSERT INTO person_seen (enterprise_id, person_id, since, sort_key)"
                + " SELECT c.enterprise_id, c.person_id, ?,"
                + " CASE WHEN c.match_key IS NULL THEN NULL ELSE c.sort_key END"
                + " FROM consumed_license c"
                + " WHERE c.enterprise_id = ? AND NOT EXISTS (SELECT 1 FROM person_seen p"
                + " WHERE p.enterprise_id = c.enterprise_id AND p.person_id = c.person_id)",
            now,
            enterpriseId,
            1);
    seen(connection, added);
    // every person on the list is seen now, so only when more are seen than on the list has anyone
    // left it: counting them is one scan, the anti-join below hashes every person (an enterprise's
    // first large matching, which removes no one, spent a second on it at 1M)
    int removed =
        seenCount(connection, enterpriseId) <= seatsAfter
            ? 0
            : update(
                connection,
                "DELETE FROM person_seen WHERE enterprise_id = ? AND NOT EXISTS (SELECT 1"
                    + " FROM consumed_license c WHERE c.enterprise_id = person_seen.enterprise_id"
                    + " AND c.person_id = person_seen.person_id)",
                null,
                enterpriseId,
                1);
    change(connection, enterpriseId, now, cause, added, removed, seatsBefore, seatsAfter, keepFrom);
  }

  /**
   * As {@link #record}, after a matching of part of the enterprise: only the people it rewrote are
   * looked at, those of its {@code match_scope} (kind {@code N} the people written, {@code O} those
   * removed to be written again or not; {@code S} is added: the people written not seen before).
   */
  public static void recordScoped(
      Connection connection,
      long enterpriseId,
      Instant now,
      String cause,
      int seatsBefore,
      int seatsAfter,
      LocalDate keepFrom)
      throws SQLException {
    // the people written not seen before (S), then those added: anti-joined in the same statement
    // that adds to person_seen, the planner (which takes the scope for one row) scanned it once per
    // person, rows being added included (10,000 new people into a nearly empty table: 790 ms,
    // growing with the square of their number)
    update(
        connection,
        "INSERT INTO match_scope (scope, kind, k, sk) SELECT s.scope, 'S', s.k, s.sk"
            + " FROM match_scope s"
            + " WHERE s.scope = ? AND s.kind = 'N' AND NOT EXISTS (SELECT 1 FROM person_seen p"
            + " WHERE p.enterprise_id = s.scope AND p.person_id = s.k)",
        null,
        enterpriseId,
        1);
    int added =
        update(
            connection,
            "INSERT INTO person_seen (enterprise_id, person_id, since, sort_key)"
                + " SELECT scope, k, ?, sk FROM match_scope WHERE scope = ? AND kind = 'S'",
            now,
            enterpriseId,
            1);
    seen(connection, added);
    int removed =
        update(
            connection,
            "DELETE FROM person_seen WHERE enterprise_id = ? AND "
                + InScope.of(Databases.isPostgreSql(connection), "person_seen.person_id", "'O'")
                + " AND NOT EXISTS (SELECT 1 FROM"
                + " match_scope n WHERE n.scope = ? AND n.kind = 'N'"
                + " AND n.k = person_seen.person_id)",
            null,
            enterpriseId,
            3);
    change(connection, enterpriseId, now, cause, added, removed, seatsBefore, seatsAfter, keepFrom);
  }

  private static long seenCount(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement("SELECT COUNT(*) FROM person_seen WHERE enterprise_id = ?")) {
      count.setLong(1, enterpriseId);
      try (java.sql.ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * Refreshes {@code person_seen}'s statistics when the {@code added} rows made them stale: the
   * matching analyzes it before since-when writes its rows, so after an enterprise's first large
   * matching they still counted the one row it had, and the next scoped matching's anti-join with
   * it ran as a nested loop over every pair (20k new people against 100k seen: 74 s).
   */
  private static void seen(Connection connection, int added) throws SQLException {
    if (added > 0) {
      Databases.analyzeIfStale(connection, added, "person_seen");
    }
  }

  /**
   * The enterprise's latest seat change: its id (which every matching's commit renews) and the
   * people it left; (0, 0) before the first.
   */
  public static Latest latest(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, seats_after FROM seat_change WHERE enterprise_id = ?"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")) {
      query.setLong(1, enterpriseId);
      try (java.sql.ResultSet row = query.executeQuery()) {
        return row.next() ? new Latest(row.getLong(1), row.getLong(2)) : new Latest(0, 0);
      }
    }
  }

  /** A seat change's id and the people it left. */
  public record Latest(long id, long seatsAfter) {}

  /** Runs {@code sql}: {@code now} first when given, then the enterprise {@code uses} times. */
  private static int update(
      Connection connection, String sql, Instant now, long enterpriseId, int uses)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      if (now != null) {
        statement.setTimestamp(i++, Timestamp.from(now));
      }
      for (int n = 0; n < uses; n++) {
        statement.setLong(i++, enterpriseId);
      }
      return statement.executeUpdate();
    }
  }

  @SuppressWarnings("java:S107")
  private static void change(
      Connection connection,
      long enterpriseId,
      Instant now,
      String cause,
      int added,
      int removed,
      int seatsBefore,
      int seatsAfter,
      LocalDate keepFrom)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO seat_change (enterprise_id, changed_at, cause, people_added,"
                + " people_removed, seats_before, seats_after) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, enterpriseId);
      insert.setTimestamp(2, Timestamp.from(now));
      insert.setString(3, cause.length() > 300 ? cause.substring(0, 300) : cause);
      insert.setInt(4, added);
      insert.setInt(5, removed);
      insert.setInt(6, seatsBefore);
      insert.setInt(7, seatsAfter);
      insert.executeUpdate();
    }
    try (PreparedStatement forget =
        connection.prepareStatement(
            "DELETE FROM seat_change WHERE enterprise_id = ? AND changed_at < ?")) {
      forget.setLong(1, enterpriseId);
      forget.setTimestamp(2, Timestamp.from(keepFrom.atStartOfDay(ZoneOffset.UTC).toInstant()));
      forget.executeUpdate();
    }
  }
}
