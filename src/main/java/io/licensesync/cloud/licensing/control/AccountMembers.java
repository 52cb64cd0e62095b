package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedAccounts;
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
 * Keeps {@code account_member} in step with a matching: a row per Server account matched to a
 * member, none for an account that counts on its own. While the people stream, the accounts are
 * noted in {@code account_match} (a matching of everyone notes only the matched ones; a scoped
 * matching every account it streams, with or without a member); after the stream, {@link
 * UploadChanges} compares them with the stored rows, then {@link #apply} replaces those: all of the
 * enterprise's after a matching of everyone, the noted accounts' after a scoped one.
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
   * Replaces the stored members with the noted ones: all of the enterprise's after a matching of
   * everyone, else those of the noted accounts and of the accounts {@code upload} removed; the
   * accounts {@code upload} added are no longer pending. Returns how many members are stored.
   */
  int apply(AppliedUpload upload) throws SQLException {
    boolean pg = Databases.isPostgreSql(connection);
    execute(
        everyAccount
            ? "DELETE FROM account_member WHERE EXISTS (SELECT 1 FROM account_match t"
                + " WHERE t.scope = ? AND t.instance_id = account_member.instance_id"
                + " AND t.account_id = account_member.account_id)"
            : "DELETE FROM account_member WHERE instance_id IN"
                + " (SELECT id FROM connected_instance WHERE enterprise_id = ?)",
        enterpriseId);
    int stored =
        execute(
            "INSERT INTO account_member (instance_id, account_id, member_id)"
                + " SELECT instance_id, account_id, member_id FROM account_match"
                + " WHERE scope = ? AND member_id IS NOT NULL",
            enterpriseId);
    if (upload != null) {
      ChangedAccounts changed = upload.accounts();
      if (everyAccount && changed != null) {
        Databases.updateByIds(
            connection,
            "DELETE FROM account_member WHERE instance_id = ? AND account_id = ANY(?)",
            changed.removedIds(),
            upload.instanceId());
        Databases.updateByIds(
            connection,
            "UPDATE instance_account SET pending = NULL WHERE instance_id = ?"
                + " AND account_id = ANY(?) AND pending",
            changed.changedIds(),
            upload.instanceId());
      } else {
        execute(
            "UPDATE instance_account SET pending = NULL WHERE instance_id = ? AND pending",
            upload.instanceId());
      }
    }
    if (!pg) {
      // H2's is a table of the schema; PostgreSQL's temporary one is emptied by the commit
      clear(connection, enterpriseId);
    }
    return stored;
  }

  private int execute(String sql, long parameter) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, parameter);
      return statement.executeUpdate();
    }
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
