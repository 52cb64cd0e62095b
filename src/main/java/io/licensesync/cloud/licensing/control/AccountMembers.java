package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.instances.control.BulkInsert;
import io.licensesync.database.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each Server account's {@code instance_account.member_id} in step with a matching: the
 * member the account was matched to, null when it counts on its own. While the people stream, the
 * accounts are noted in {@code account_match} (a matching of everyone notes only the matched ones,
 * a fifth of the accounts at most in practice; a scoped matching every account it streams); after
 * the stream, {@link UploadChanges} compares them with the stored members, then {@link #apply}
 * writes the members that differ: one join, rows written only where the member changed.
 */
final class AccountMembers implements AutoCloseable {

  static final String TABLE = "account_match";
  private static final int ANALYZE_FROM = 10_000;
  private static final String[] COLUMNS = {"scope", "instance_id", "account_id", "member_id"};
  private static final int[] TYPES = {Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT};

  private final Connection connection;
  private final long enterpriseId;
  private final boolean everyAccount;
  private final Map<String, Long> instances;
  private final BulkInsert rows;

  private AccountMembers(
      Connection connection, long enterpriseId, boolean everyAccount, Map<String, Long> instances) {
    this.connection = connection;
    this.enterpriseId = enterpriseId;
    this.everyAccount = everyAccount;
    this.instances = instances;
    this.rows = BulkInsert.into(connection, TABLE, COLUMNS, TYPES, false);
  }

  /**
   * Starts noting the accounts of a matching of enterprise {@code enterpriseId}: of everyone
   * ({@code scoped} false: the matched accounts only, every other account counts on its own), or of
   * part of it (every account streamed).
   */
  static AccountMembers start(Connection connection, long enterpriseId, boolean scoped)
      throws SQLException {
    Databases.scratchOfTransaction(connection, TABLE);
    clear(connection, enterpriseId);
    Map<String, Long> instances = new HashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT server_id, id FROM connected_instance WHERE enterprise_id = ?")) {
      query.setLong(1, enterpriseId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          instances.put(row.getString(1), row.getLong(2));
        }
      }
    }
    return new AccountMembers(connection, enterpriseId, scoped, instances);
  }

  /** Notes {@code person}'s accounts and the member each was matched to. */
  void add(MatchQuery.MatchedPerson person) throws SQLException {
    for (int i = 0; i < person.serverAccounts().size(); i++) {
      MatchQuery.Origin origin = person.origins().get(i);
      Long member =
          person.member() != null && origin.matchedBy() != null ? person.member().id() : null;
      if (member != null || everyAccount) {
        rows.row(
            enterpriseId,
            instances.get(origin.serverId()),
            person.serverAccounts().get(i).accountId(),
            member);
      }
    }
  }

  /** Sends the rows noted so far (call between batches of the matching). */
  void flush() throws SQLException {
    rows.flush();
  }

  /** Sends the last rows; the joins that follow are planned with them counted. */
  void finish() throws SQLException {
    rows.finish();
    if (rows.rows() >= ANALYZE_FROM) {
      Databases.analyze(connection, TABLE);
    }
  }

  /** Whether every account streamed was noted (a scoped matching), not only the matched ones. */
  boolean everyAccount() {
    return everyAccount;
  }

  long enterpriseId() {
    return enterpriseId;
  }

  /**
   * Writes the noted members where they differ from the stored ones; after a matching of everyone,
   * the enterprise's accounts not noted count on their own again. Returns how many accounts
   * changed.
   */
  int apply() throws SQLException {
    boolean pg = Databases.isPostgreSql(connection);
    int changed;
    try (PreparedStatement update =
        connection.prepareStatement(
            pg
                ? "UPDATE instance_account a SET member_id = t.member_id FROM account_match t"
                    + " WHERE t.scope = ? AND a.instance_id = t.instance_id"
                    + " AND a.account_id = t.account_id AND a.member_id IS DISTINCT FROM t.member_id"
                // H2 has no UPDATE … FROM: a merge looks each noted account up by its key
                : "MERGE INTO instance_account a USING (SELECT instance_id, account_id, member_id"
                    + " FROM account_match WHERE scope = ?) t"
                    + " ON (a.instance_id = t.instance_id AND a.account_id = t.account_id)"
                    + " WHEN MATCHED AND a.member_id IS DISTINCT FROM t.member_id"
                    + " THEN UPDATE SET member_id = t.member_id")) {
      update.setLong(1, enterpriseId);
      changed = update.executeUpdate();
    }
    if (!everyAccount) {
      try (PreparedStatement alone =
          connection.prepareStatement(
              "UPDATE instance_account SET member_id = NULL WHERE instance_id IN"
                  + " (SELECT id FROM connected_instance WHERE enterprise_id = ?)"
                  + " AND member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM account_match t"
                  + " WHERE t.scope = ? AND t.instance_id = instance_account.instance_id"
                  + " AND t.account_id = instance_account.account_id)")) {
        alone.setLong(1, enterpriseId);
        alone.setLong(2, enterpriseId);
        changed += alone.executeUpdate();
      }
    }
    if (!pg) {
      // H2's is a table of the schema; PostgreSQL's temporary one is emptied by the commit
      clear(connection, enterpriseId);
    }
    return changed;
  }

  private static void clear(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM account_match WHERE scope = ?")) {
      delete.setLong(1, enterpriseId);
      delete.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    rows.close();
  }
}
