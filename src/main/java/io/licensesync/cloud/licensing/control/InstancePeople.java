package io.licensesync.cloud.licensing.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts, while matching streams the people, how many people each connected instance contributes:
 * those with an account there, and those who count only because of it (every account of theirs is
 * there and they take no Cloud seat). Kept in {@code instance_people} for the license summary, so
 * that reading it never walks a million rows. Holds one pair of counters per instance.
 */
public final class InstancePeople {

  private final Map<String, int[]> counts = new TreeMap<>();

  /** Adds one matched person. */
  public void count(MatchQuery.MatchedPerson person) {
    Set<String> servers = new HashSet<>(2);
    for (MatchQuery.Origin origin : person.origins()) {
      if (origin.serverId() != null) {
        servers.add(origin.serverId());
      }
    }
    boolean onlyHere = servers.size() == 1 && !person.consumesCloudSeat();
    for (String server : servers) {
      int[] pair = counts.computeIfAbsent(server, s -> new int[2]);
      pair[0]++;
      if (onlyHere) {
        pair[1]++;
      }
    }
  }

  /** People with an account on {@code serverId}, and those only there (zeros when none). */
  public int[] of(String serverId) {
    return counts.getOrDefault(serverId, new int[2]).clone();
  }

  /** Replaces the enterprise's stored counts with these. */
  public void store(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement clear =
        connection.prepareStatement("DELETE FROM instance_people WHERE enterprise_id = ?")) {
      clear.setLong(1, enterpriseId);
      clear.executeUpdate();
    }
    if (counts.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO instance_people (enterprise_id, server_id, people, only_here)"
                + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, int[]> entry : counts.entrySet()) {
        insert.setLong(1, enterpriseId);
        insert.setString(2, entry.getKey());
        insert.setInt(3, entry.getValue()[0]);
        insert.setInt(4, entry.getValue()[1]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
