package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An enterprise's people in their stable order, as the consumed-licenses pages and the CSV report
 * read them: the members (section 0 of the sort key) and the accounts without email (section 2)
 * from {@code consumed_license}, the Server-only people by email (section 1) from their accounts
 * ({@link ServerOnlyPeople}). The sections follow each other, so a read is the three one after the
 * other, each from where the read starts, until it has its rows.
 */
public final class PeopleInOrder {

  /** The columns of {@code consumed_license} that {@link ConsumedLicense#ofRow} reads. */
  private static final String COLUMNS =
      String.join(", ", Arrays.copyOf(LicenseRows.COLUMNS, LicenseRows.COLUMNS.length - 2));

  private static final int COLUMN_COUNT = LicenseRows.COLUMNS.length - 2;

  private static final byte[] SERVER_ONLY_START = {SortKeys.SERVER_ONLY};
  private static final byte[] WITHOUT_EMAIL_START = {SortKeys.SERVER_ONLY + 1};

  private PeopleInOrder() {}

  /**
   * People {@code from} (inclusive) to {@code to} (exclusive) by position: from the anchor at or
   * before {@code from} ({@code consumed_license_anchor}, the sort key of every {@value
   * ConsumedLicense#ANCHOR_EVERY}th person), skipping fewer than that many, whatever the position.
   */
  public static List<ConsumedLicense> page(
      Connection connection, long enterpriseId, int from, int to) throws SQLException {
    if (to <= from || from < 0) {
      return List.of();
    }
    byte[] anchor = anchor(connection, enterpriseId, from / ConsumedLicense.ANCHOR_EVERY);
    if (anchor == null) {
      return List.of();
    }
    int skip = from % ConsumedLicense.ANCHOR_EVERY;
    List<ConsumedLicense> page = new ArrayList<>(to - from);
    int[] seen = {0};
    read(
        connection,
        enterpriseId,
        anchor,
        true,
        skip + to - from,
        person -> {
          if (seen[0]++ >= skip) {
            page.add(person);
          }
        });
    return page;
  }

  /**
   * Hands {@code people} the people after sort key {@code from} ({@code inclusive}: from it; from
   * the first when null), at most {@code limit}, in order; returns the last one's sort key, or null
   * when there were fewer than {@code limit} (the order ends).
   */
  public static byte[] read(
      Connection connection,
      long enterpriseId,
      byte[] from,
      boolean inclusive,
      int limit,
      Consumer<ConsumedLicense> people)
      throws SQLException {
    int section = from == null ? -1 : from[0];
    byte[][] last = {null};
    int[] read = {0};
    Consumer<ConsumedLicense> counted =
        person -> {
          people.accept(person);
          last[0] = person.sortKey();
          read[0]++;
        };
    if (section <= 0) {
      rows(connection, enterpriseId, from, inclusive, SERVER_ONLY_START, limit, counted);
    }
    if (read[0] < limit && section <= SortKeys.SERVER_ONLY) {
      String lastKey = lastServerOnlyKey(connection, enterpriseId);
      if (lastKey != null) {
        boolean within = section == SortKeys.SERVER_ONLY;
        ServerOnlyPeople.read(
            connection,
            enterpriseId,
            within ? ServerOnlyPeople.keyOf(from) : null,
            inclusive,
            lastKey,
            limit - read[0],
            person ->
                counted.accept(
                    ConsumedLicense.ofRow(LicenseRows.serverOnly(enterpriseId, person))));
      }
    }
    if (read[0] < limit) {
      boolean within = section > SortKeys.SERVER_ONLY;
      rows(
          connection,
          enterpriseId,
          within ? from : WITHOUT_EMAIL_START,
          !within || inclusive,
          null,
          limit - read[0],
          counted);
    }
    return read[0] < limit ? null : last[0];
  }

  /**
   * The key of the last Server-only person by email (null: none), which bounds their read: without
   * it, a read near the end went on through every matched account whose key sorts after it (0.9 s
   * for the last page at 1M accounts, 200k of them matched). While matching still stores these
   * people's rows, it is the last such row's key.
   */
  private static String lastServerOnlyKey(Connection connection, long enterpriseId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            // PostgreSQL has no MAX of bytea: the last by the order's index
            "SELECT sort_key FROM consumed_license WHERE enterprise_id = ?"
                + " AND sort_key >= ? AND sort_key < ? ORDER BY sort_key DESC"
                + " FETCH FIRST 1 ROWS ONLY")) {
      query.setLong(1, enterpriseId);
      query.setBytes(2, SERVER_ONLY_START);
      query.setBytes(3, WITHOUT_EMAIL_START);
      try (ResultSet row = query.executeQuery()) {
        byte[] key = row.next() ? row.getBytes(1) : null;
        return key == null ? null : ServerOnlyPeople.keyOf(key);
      }
    }
  }

  /** The rows of {@code consumed_license} from {@code from} and before {@code before}. */
  private static void rows(
      Connection connection,
      long enterpriseId,
      byte[] from,
      boolean inclusive,
      byte[] before,
      int limit,
      Consumer<ConsumedLicense> people)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM consumed_license WHERE enterprise_id = ?"
            + (from == null ? "" : inclusive ? " AND sort_key >= ?" : " AND sort_key > ?")
            + (before == null ? "" : " AND sort_key < ?")
            + " ORDER BY sort_key LIMIT ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int p = 1;
      query.setLong(p++, enterpriseId);
      if (from != null) {
        query.setBytes(p++, from);
      }
      if (before != null) {
        query.setBytes(p++, before);
      }
      query.setInt(p, limit);
      query.setFetchSize(Math.min(limit, 5000));
      try (ResultSet rows = query.executeQuery()) {
        Object[] row = new Object[COLUMN_COUNT];
        while (rows.next()) {
          for (int i = 0; i < COLUMN_COUNT; i++) {
            row[i] = rows.getObject(i + 1);
          }
          people.accept(ConsumedLicense.ofRow(row));
        }
      }
    }
  }

  private static byte[] anchor(Connection connection, long enterpriseId, int ordinal)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT sort_key FROM consumed_license_anchor WHERE enterprise_id = ? AND ordinal = ?")) {
      query.setLong(1, enterpriseId);
      query.setInt(2, ordinal);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getBytes(1) : null;
      }
    }
  }
}
