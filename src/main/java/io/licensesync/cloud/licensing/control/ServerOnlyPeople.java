package io.licensesync.cloud.licensing.control;

import io.licensesync.database.Databases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Server-only people by email (section {@link SortKeys#SERVER_ONLY} of the stable order) read
 * from the accounts they are, not from {@code consumed_license}: the enterprise's accounts with an
 * email key and no {@code account_member} row (matched to no member), one person per key, in the
 * key's code point order. A read is two index range scans whatever its place in the order: the next
 * keys (at most the limit), then the accounts of those keys. This is step 2 of
 * docs/server-only-people.md.
 *
 * <p>On PostgreSQL keys are compared {@code COLLATE "C"} (the order of their UTF-8 bytes, which is
 * the sort key's), through {@code instance_account_primary} (V28). H2 compares the keys' UTF-8
 * bytes ({@code STRINGTOUTF8}), which no index serves: there a read sorts the enterprise's
 * unmatched accounts.
 */
public final class ServerOnlyPeople {

  private ServerOnlyPeople() {}

  /**
   * Hands {@code people} the Server-only people whose key comes after {@code fromKey} ({@code
   * inclusive}: or is it; from the first when null), at most {@code limit}, in order; returns how
   * many it handed on.
   */
  public static int read(
      Connection connection,
      long enterpriseId,
      String fromKey,
      boolean inclusive,
      int limit,
      MatchQuery.People people)
      throws SQLException {
    if (limit <= 0) {
      return 0;
    }
    boolean pg = Databases.isPostgreSql(connection);
    List<String> keys = keys(connection, pg, enterpriseId, fromKey, inclusive, limit);
    if (keys.isEmpty()) {
      return 0;
    }
    String c = pg ? " COLLATE \"C\"" : "";
    String first = keys.get(0);
    String last = keys.get(keys.size() - 1);
    String sql =
        "SELECT a.primary_key, i.server_id, i.hostname, a.account_id, a.primary_email"
            + unmatched()
            + " AND "
            + ordered(pg, "a.primary_key")
            + " >= "
            + ordered(pg, "?")
            + " AND "
            + ordered(pg, "a.primary_key")
            + " <= "
            + ordered(pg, "?")
            + " ORDER BY "
            + ordered(pg, "a.primary_key")
            // a person's accounts as MatchQuery orders them
            + ", i.hostname"
            + c
            + ", a.account_id, a.primary_email"
            + c;
    int count = 0;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, enterpriseId);
      query.setString(2, first);
      query.setString(3, last);
      try (ResultSet rows = query.executeQuery()) {
        String key = null;
        List<ServerAccount> accounts = new ArrayList<>(2);
        List<MatchQuery.Origin> origins = new ArrayList<>(2);
        while (rows.next()) {
          String rowKey = rows.getString(1);
          if (key != null && !key.equals(rowKey)) {
            people.accept(person(key, accounts, origins));
            count++;
            accounts = new ArrayList<>(2);
            origins = new ArrayList<>(2);
          }
          key = rowKey;
          accounts.add(
              new ServerAccount(rows.getString(3), rows.getLong(4), rows.getString(5), List.of()));
          origins.add(new MatchQuery.Origin(rows.getString(2), null));
        }
        if (key != null) {
          people.accept(person(key, accounts, origins));
          count++;
        }
      }
    }
    return count;
  }

  /** The email key of a Server-only person's sort key ({@link SortKeys#serverOnly}). */
  public static String keyOf(byte[] sortKey) {
    int suffix = 1 + Long.BYTES;
    if (sortKey.length < 1 + suffix
        || sortKey[0] != SortKeys.SERVER_ONLY
        || sortKey[sortKey.length - suffix] != 0) {
      throw new IllegalArgumentException("not the sort key of a Server-only person by email");
    }
    return new String(sortKey, 1, sortKey.length - 1 - suffix, StandardCharsets.UTF_8);
  }

  /** The next {@code limit} keys of Server-only people from {@code fromKey}, in order. */
  private static List<String> keys(
      Connection connection,
      boolean pg,
      long enterpriseId,
      String fromKey,
      boolean inclusive,
      int limit)
      throws SQLException {
    String key = ordered(pg, "a.primary_key");
    String sql =
        "SELECT "
            + (pg ? key : "a.primary_key")
            + unmatched()
            + (fromKey == null
                ? ""
                : " AND " + key + (inclusive ? " >= " : " > ") + ordered(pg, "?"))
            + " GROUP BY "
            + (pg ? "1" : "a.primary_key")
            + " ORDER BY "
            + (pg ? "1" : key)
            + " LIMIT ?";
    List<String> keys = new ArrayList<>(Math.min(limit, 1024));
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int p = 1;
      query.setLong(p++, enterpriseId);
      if (fromKey != null) {
        query.setString(p++, fromKey);
      }
      query.setInt(p, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
    }
    return keys;
  }

  /**
   * FROM and WHERE of the enterprise's (the one parameter) accounts with an email key that are
   * matched to no member.
   */
  private static String unmatched() {
    return " FROM instance_account a JOIN connected_instance i ON i.id = a.instance_id"
        + " WHERE i.enterprise_id = ? AND a.primary_key IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM account_member m"
        + " WHERE m.instance_id = a.instance_id AND m.account_id = a.account_id)";
  }

  /** {@code text} as compared and ordered here: by code point (its UTF-8 bytes). */
  private static String ordered(boolean pg, String text) {
    return pg ? text + " COLLATE \"C\"" : "STRINGTOUTF8(" + text + ")";
  }

  private static MatchQuery.MatchedPerson person(
      String key, List<ServerAccount> accounts, List<MatchQuery.Origin> origins) {
    return new MatchQuery.MatchedPerson(
        null, false, List.copyOf(accounts), List.copyOf(origins), SortKeys.serverOnly(key));
  }
}
