package io.licensesync.cloud.licensing.control;

import io.licensesync.database.Databases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
   * inclusive}: or is it; from the first when null) and is at most {@code toKey}, at most {@code
   * limit}, in order; returns how many it handed on. Reads the accounts in key order, a few more
   * rows than people are asked for (most have one account): the last key read may have more
   * accounts than came, so it is handed on only when the rows ran out before the query's limit, and
   * otherwise read again by the next round.
   */
  public static int read(
      Connection connection,
      long enterpriseId,
      String fromKey,
      boolean inclusive,
      String toKey,
      int limit,
      MatchQuery.People people)
      throws SQLException {
    return read(
        connection, enterpriseId, fromKey, inclusive, toKey, limit, limit + limit / 4 + 16, people);
  }

  /** {@link #read}, each query reading at most {@code rowLimit} accounts at first. */
  static int read(
      Connection connection,
      long enterpriseId,
      String fromKey,
      boolean inclusive,
      String toKey,
      int limit,
      int rowLimit,
      MatchQuery.People people)
      throws SQLException {
    boolean pg = Databases.isPostgreSql(connection);
    String from = fromKey;
    boolean fromIncluded = inclusive;
    int count = 0;
    int rows = rowLimit;
    while (count < limit) {
      Round round = round(connection, pg, enterpriseId, from, fromIncluded, toKey, rows);
      for (MatchQuery.MatchedPerson person : round.people()) {
        if (count == limit) {
          return count;
        }
        people.accept(person);
        count++;
      }
      if (round.rest() == null) {
        return count;
      }
      // the last key's accounts may go on past the query's limit: read it again, whole
      if (round.people().isEmpty()) {
        rows *= 2;
      }
      from = round.rest();
      fromIncluded = true;
    }
    return count;
  }

  /**
   * The people of one query: those whose accounts all came, and the key of the last one when the
   * rows reached {@code rowLimit} (its accounts may go on; null when the order ended).
   */
  private record Round(List<MatchQuery.MatchedPerson> people, String rest) {}

  private static Round round(
      Connection connection,
      boolean pg,
      long enterpriseId,
      String fromKey,
      boolean inclusive,
      String toKey,
      int rowLimit)
      throws SQLException {
    String sql =
        "SELECT a.primary_key, i.server_id, i.hostname, a.account_id, a.primary_email"
            + unmatched()
            + (fromKey == null
                ? ""
                : " AND "
                    + ordered(pg, "a.primary_key")
                    + (inclusive ? " >= " : " > ")
                    + ordered(pg, "?"))
            + " AND "
            + ordered(pg, "a.primary_key")
            + " <= "
            + ordered(pg, "?")
            // by key alone, the index's order: with more columns PostgreSQL's generic plan of this
            // statement (after five runs) sorted a third of the accounts, 0.7 s a page at 1M
            + " ORDER BY "
            + ordered(pg, "a.primary_key")
            + " LIMIT ?";
    List<MatchQuery.MatchedPerson> people = new ArrayList<>();
    int rows = 0;
    String key = null;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int p = 1;
      query.setLong(p++, enterpriseId);
      if (fromKey != null) {
        query.setString(p++, fromKey);
      }
      query.setString(p++, toKey);
      query.setInt(p, rowLimit);
      query.setFetchSize(Math.min(rowLimit, 5000));
      try (ResultSet row = query.executeQuery()) {
        List<ServerAccount> accounts = new ArrayList<>(2);
        List<MatchQuery.Origin> origins = new ArrayList<>(2);
        while (row.next()) {
          rows++;
          String rowKey = row.getString(1);
          if (key != null && !key.equals(rowKey)) {
            people.add(person(key, accounts, origins));
            accounts = new ArrayList<>(2);
            origins = new ArrayList<>(2);
          }
          key = rowKey;
          accounts.add(
              new ServerAccount(row.getString(3), row.getLong(4), row.getString(5), List.of()));
          origins.add(new MatchQuery.Origin(row.getString(2), null));
        }
        if (key != null && rows < rowLimit) {
          people.add(person(key, accounts, origins));
          return new Round(people, null);
        }
      }
    }
    return new Round(people, key);
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

  /**
   * The person of {@code key}, their accounts in {@link MatchQuery}'s order: by hostname, account
   * id and email, text by code point (PostgreSQL's {@code COLLATE "C"}).
   */
  private static MatchQuery.MatchedPerson person(
      String key, List<ServerAccount> accounts, List<MatchQuery.Origin> origins) {
    if (accounts.size() == 1) {
      return new MatchQuery.MatchedPerson(
          null, false, List.copyOf(accounts), List.copyOf(origins), SortKeys.serverOnly(key));
    }
    Integer[] order = new Integer[accounts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> compare(accounts.get(x), accounts.get(y)));
    List<ServerAccount> sortedAccounts = new ArrayList<>(order.length);
    List<MatchQuery.Origin> sortedOrigins = new ArrayList<>(order.length);
    for (int i : order) {
      sortedAccounts.add(accounts.get(i));
      sortedOrigins.add(origins.get(i));
    }
    return new MatchQuery.MatchedPerson(
        null,
        false,
        List.copyOf(sortedAccounts),
        List.copyOf(sortedOrigins),
        SortKeys.serverOnly(key));
  }

  private static int compare(ServerAccount x, ServerAccount y) {
    int byHost = byCodePoint(x.hostname(), y.hostname());
    if (byHost != 0) {
      return byHost;
    }
    int byId = Long.compare(x.accountId(), y.accountId());
    return byId != 0 ? byId : byCodePoint(x.primaryEmail(), y.primaryEmail());
  }

  /** Text in code point order, as PostgreSQL's {@code COLLATE "C"} compares it. */
  private static int byCodePoint(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i);
      int b = y.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }
}
