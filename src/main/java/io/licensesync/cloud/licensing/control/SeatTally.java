package io.licensesync.cloud.licensing.control;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts, while matching streams the people, where they count: in all, on the Cloud only, on
 * Servers only, on both; and per connected instance the people with an account there and those who
 * count only because of it (every account of theirs is there and they take no Cloud seat). Stored
 * for the license summary ({@code instance_people}) and the day's seat history, so that neither
 * ever walks a million rows. Holds a few counters per instance.
 */
public final class SeatTally {

  private final Map<String, int[]> perInstance = new TreeMap<>();
  private final Map<String, String> hostnames = new HashMap<>();
  private int total;
  private int cloudOnly;
  private int serverOnly;
  private int both;

  /** Adds one matched person. */
  public void count(MatchQuery.MatchedPerson person) {
    Set<String> servers = new HashSet<>(2);
    for (int i = 0; i < person.origins().size(); i++) {
      String serverId = person.origins().get(i).serverId();
      if (serverId != null) {
        servers.add(serverId);
        hostnames.putIfAbsent(serverId, person.serverAccounts().get(i).hostname());
      }
    }
    add(
        person.member() != null,
        !person.serverAccounts().isEmpty(),
        person.consumesCloudSeat(),
        servers,
        1);
  }

  /**
   * Takes away a person as stored ({@code consumed_license}): whether a member, whether it has
   * Server accounts, whether it takes a Cloud seat, and its accounts' lines ({@code
   * server_accounts}: server id first, tab-separated).
   */
  public void uncount(boolean member, boolean serverUser, boolean cloudSeat, String accountLines) {
    Set<String> servers = new HashSet<>(2);
    if (!accountLines.isEmpty()) {
      for (String line : accountLines.split("\n")) {
        int tab = line.indexOf('\t');
        servers.add(tab < 0 ? line : line.substring(0, tab));
      }
    }
    add(member, serverUser, cloudSeat, servers, -1);
  }

  private void add(
      boolean member, boolean serverUser, boolean cloudSeat, Set<String> servers, int sign) {
    total += sign;
    if (!member) {
      serverOnly += sign;
    } else if (!serverUser) {
      cloudOnly += sign;
    } else {
      both += sign;
    }
    boolean onlyHere = servers.size() == 1 && !cloudSeat;
    for (String server : servers) {
      int[] pair = perInstance.computeIfAbsent(server, s -> new int[2]);
      pair[0] += sign;
      if (onlyHere) {
        pair[1] += sign;
      }
    }
  }

  /**
   * The counts (people, Cloud only, Server only, on both) of the enterprise's days of seat history,
   * the latest first: bind the enterprise's id to its one {@code ?}. Each matching stores what it
   * counted in its day's row, so the first row holds the counts as they are now.
   */
  public static final String LATEST_COUNTS =
      "SELECT total, cloud_only, server_only, both_sides FROM seat_history"
          + " WHERE enterprise_id = ? ORDER BY on_day DESC";

  /**
   * The enterprise's counts as the last matching stored them (its per-instance counts and its
   * latest day of seat history), to be changed by {@link #count} and {@link #uncount}; empty when
   * it was never matched.
   */
  public static java.util.Optional<SeatTally> stored(Connection connection, long enterpriseId)
      throws SQLException {
    SeatTally tally = new SeatTally();
    try (PreparedStatement query =
        connection.prepareStatement(LATEST_COUNTS + " FETCH FIRST 1 ROWS ONLY")) {
      query.setLong(1, enterpriseId);
      try (java.sql.ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return java.util.Optional.empty();
        }
        tally.total = row.getInt(1);
        tally.cloudOnly = row.getInt(2);
        tally.serverOnly = row.getInt(3);
        tally.both = row.getInt(4);
      }
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT p.server_id, p.people, p.only_here, i.hostname FROM instance_people p"
                + " LEFT JOIN connected_instance i ON i.enterprise_id = p.enterprise_id"
                + " AND i.server_id = p.server_id WHERE p.enterprise_id = ?")) {
      query.setLong(1, enterpriseId);
      try (java.sql.ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tally.perInstance.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
          if (rows.getString(4) != null) {
            tally.hostnames.put(rows.getString(1), rows.getString(4));
          }
        }
      }
    }
    return java.util.Optional.of(tally);
  }

  /** The people counted. */
  public int total() {
    return total;
  }

  /** Replaces the enterprise's per-instance counts with these. */
  public void storeInstancePeople(Connection connection, long enterpriseId) throws SQLException {
    // an instance nobody counts on any more is not listed (as when every person is counted anew)
    perInstance.values().removeIf(pair -> pair[0] <= 0);
    delete(connection, "DELETE FROM instance_people WHERE enterprise_id = ?", enterpriseId, null);
    if (perInstance.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO instance_people (enterprise_id, server_id, people, only_here)"
                + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, int[]> entry : perInstance.entrySet()) {
        insert.setLong(1, enterpriseId);
        insert.setString(2, entry.getKey());
        insert.setInt(3, entry.getValue()[0]);
        insert.setInt(4, entry.getValue()[1]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Records these counts as the enterprise's seats on {@code day} (replacing that day's earlier
   * record) and forgets days before {@code keepFrom}.
   */
  public void storeHistory(
      Connection connection, long enterpriseId, LocalDate day, int purchased, LocalDate keepFrom)
      throws SQLException {
    Date date = Date.valueOf(day);
    for (String table : new String[] {"seat_history", "seat_history_instance"}) {
      delete(
          connection,
          "DELETE FROM " + table + " WHERE enterprise_id = ? AND on_day = ?",
          enterpriseId,
          date);
      delete(
          connection,
          "DELETE FROM " + table + " WHERE enterprise_id = ? AND on_day < ?",
          enterpriseId,
          Date.valueOf(keepFrom));
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO seat_history (enterprise_id, on_day, total, cloud_only, server_only,"
                + " both_sides, purchased) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, enterpriseId);
      insert.setDate(2, date);
      insert.setInt(3, total);
      insert.setInt(4, cloudOnly);
      insert.setInt(5, serverOnly);
      insert.setInt(6, both);
      insert.setInt(7, purchased);
      insert.executeUpdate();
    }
    if (perInstance.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO seat_history_instance (enterprise_id, on_day, server_id, hostname, people)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, int[]> entry : perInstance.entrySet()) {
        insert.setLong(1, enterpriseId);
        insert.setDate(2, date);
        insert.setString(3, entry.getKey());
        insert.setString(4, hostnames.getOrDefault(entry.getKey(), ""));
        insert.setInt(5, entry.getValue()[0]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void delete(Connection connection, String sql, long enterpriseId, Date date)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, enterpriseId);
      if (date != null) {
        delete.setDate(2, date);
      }
      delete.executeUpdate();
    }
  }
}
