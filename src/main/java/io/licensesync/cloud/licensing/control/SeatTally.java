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
    total++;
    if (person.member() == null) {
      serverOnly++;
    } else if (person.serverAccounts().isEmpty()) {
      cloudOnly++;
    } else {
      both++;
    }
    Set<String> servers = new HashSet<>(2);
    for (int i = 0; i < person.origins().size(); i++) {
      String serverId = person.origins().get(i).serverId();
      if (serverId != null) {
        servers.add(serverId);
        hostnames.putIfAbsent(serverId, person.serverAccounts().get(i).hostname());
      }
    }
    boolean onlyHere = servers.size() == 1 && !person.consumesCloudSeat();
    for (String server : servers) {
      int[] pair = perInstance.computeIfAbsent(server, s -> new int[2]);
      pair[0]++;
      if (onlyHere) {
        pair[1]++;
      }
    }
  }

  /** Replaces the enterprise's per-instance counts with these. */
  public void storeInstancePeople(Connection connection, long enterpriseId) throws SQLException {
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
