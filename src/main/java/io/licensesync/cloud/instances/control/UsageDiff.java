package io.licensesync.cloud.instances.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedAccounts;
import io.licensesync.database.Databases;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a new usage to an instance that already has accounts by what changed, not by rewriting
 * them all: the document's accounts go into staging rows (on PostgreSQL this connection's temporary
 * {@code usage_incoming}, emptied by the commit; elsewhere {@code usage_staging} under a new id;
 * Add server usage staged them there already), one join with the instance's rows finds the accounts
 * added, removed or changed (any of their emails), and only those rows of {@code instance_account}
 * are deleted and inserted. What changed comes back as {@link ChangedAccounts} for matching to
 * rewrite only the people it touches, unless more than {@code limit} accounts changed (then null:
 * matching everyone costs less).
 */
public final class UsageDiff {

  private static final String INCOMING = "usage_incoming";
  private static final String STAGING = "usage_staging";

  /**
   * The instance's rows made from staging rows {@code s}: the instance id is the parameter; an
   * account added is pending until the upload's matching (V27).
   */
  private static final String INSERT_FROM_STAGING =
      "INSERT INTO instance_account"
          + " (instance_id, account_id, primary_email, primary_key, other_emails, pending)"
          + " SELECT ?, s.account_id, s.primary_email, s.primary_key, s.other_emails, TRUE";

  /**
   * An instance row's emails set from its staging row ({@code s}, found by the condition that
   * follows, which ends with the row's account id).
   */
  private static final String UPDATE_FROM_STAGING =
      "UPDATE instance_account SET (primary_email, primary_key, other_emails) ="
          + " (SELECT s.primary_email, s.primary_key, s.other_emails";

  /**
   * The document as read, what it changed (null: more than the limit) and how many of the
   * instance's accounts it removed.
   */
  public record Applied(UsageRows.Read read, ChangedAccounts changed, int removed) {

    /** An instance's first usage: nothing removed. */
    public Applied(UsageRows.Read read) {
      this(read, null, 0);
    }
  }

  private UsageDiff() {}

  /**
   * Reads {@code document} and makes it instance {@code instanceId}'s accounts, writing only what
   * differs from its current ones.
   *
   * @throws io.licensesync.wire.LicenseUsageReader.InvalidUsageException when the document is not
   *     valid (nothing of it is kept)
   */
  public static Applied apply(
      Connection connection, long instanceId, InputStream document, int limit) throws SQLException {
    boolean postgreSql = Databases.isPostgreSql(connection);
    String table = postgreSql ? INCOMING : STAGING;
    long stagingId = postgreSql ? 0 : UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;
    if (postgreSql) {
      try (Statement create = connection.createStatement()) {
        create.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS "
                + INCOMING
                + " (staging_id BIGINT NOT NULL, account_id BIGINT NOT NULL,"
                + " primary_email VARCHAR(320), primary_key VARCHAR(320),"
                + " other_emails VARCHAR(4000) NOT NULL, PRIMARY KEY (staging_id, account_id))"
                + " ON COMMIT DELETE ROWS");
      }
    }
    UsageRows.Read read = UsageRows.intoStagingTable(connection, table, stagingId, document);
    if (postgreSql) {
      // a temporary table is never analyzed by itself: plan the joins below with its rows counted
      Databases.analyze(connection, INCOMING);
    }
    Applied applied = fromStaging(connection, table, stagingId, instanceId, read, limit);
    if (!postgreSql) {
      UsageRows.dropStaged(connection, stagingId);
    }
    return applied;
  }

  /**
   * Makes the accounts Add server usage staged ({@link UsageRows#intoStaging}) instance {@code
   * instanceId}'s, writing only what differs from its current ones; the staging rows stay (the
   * caller drops them).
   */
  public static Applied applyStaged(
      Connection connection, long instanceId, StagedUsage staged, int limit) throws SQLException {
    UsageRows.Read read = new UsageRows.Read(staged.metadata(), staged.accounts(), false);
    return fromStaging(connection, STAGING, staged.stagingId(), instanceId, read, limit);
  }

  /** Applies the difference of the staging rows to the instance's; returns what changed. */
  private static Applied fromStaging(
      Connection connection,
      String table,
      long stagingId,
      long instanceId,
      UsageRows.Read read,
      int limit)
      throws SQLException {
    Difference difference = changes(connection, table, stagingId, instanceId, read, limit);
    if (difference == null) {
      int removed = replaceAllThatDiffer(connection, table, stagingId, instanceId);
      return new Applied(read, null, removed);
    }
    replace(connection, table, stagingId, instanceId, difference);
    return new Applied(read, difference.changed(), difference.changed().removedIds().size());
  }

  /**
   * Deletes the instance's accounts the staging rows do not hold, writes the new emails of those
   * they hold otherwise (in place: an account added is pending, a changed one is not), then inserts
   * the staging rows the instance does not have: joins of all the instance's rows with all the
   * staging rows, for when too many accounts changed to name them. Returns how many accounts were
   * removed.
   */
  private static int replaceAllThatDiffer(
      Connection connection, String table, long stagingId, long instanceId) throws SQLException {
    String staged =
        " FROM "
            + table
            + " s WHERE s.staging_id = ? AND s.account_id = instance_account.account_id";
    try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM instance_account WHERE instance_id = ? AND NOT EXISTS (SELECT 1"
                    + staged
                    + ")");
        PreparedStatement update =
            connection.prepareStatement(
                UPDATE_FROM_STAGING
                    + staged
                    + ") WHERE instance_id = ? AND EXISTS (SELECT 1"
                    + staged
                    + " AND NOT ("
                    + same("instance_account")
                    + "))");
        PreparedStatement insert =
            connection.prepareStatement(INSERT_FROM_STAGING + added(table))) {
      delete.setLong(1, instanceId);
      delete.setLong(2, stagingId);
      int removed = delete.executeUpdate();
      update.setLong(1, stagingId);
      update.setLong(2, instanceId);
      update.setLong(3, stagingId);
      update.executeUpdate();
      insert.setLong(1, instanceId);
      insert.setLong(2, stagingId);
      insert.setLong(3, instanceId);
      insert.executeUpdate();
      return removed;
    }
  }

  /**
   * Replaces only the accounts {@link #changes} named: the removed ones are deleted, the changed
   * ones get their new emails in place, the added ones are inserted (pending until matched).
   * Nothing runs when nothing changed. At 1M accounts the joins of {@link #replaceAllThatDiffer}
   * cost 1.6 s even when nothing changed; by ids, deleting and inserting 30,000 changed accounts
   * took 0.65 s (psql on this machine, 2026-12-07, before changed accounts were updated in place).
   */
  private static void replace(
      Connection connection, String table, long stagingId, long instanceId, Difference difference)
      throws SQLException {
    Databases.updateByIds(
        connection,
        "DELETE FROM instance_account WHERE instance_id = ? AND account_id = ANY(?)",
        difference.changed().removedIds(),
        instanceId);
    Databases.updateByIds(
        connection,
        UPDATE_FROM_STAGING
            + " FROM "
            + table
            + " s WHERE s.staging_id = ? AND s.account_id = instance_account.account_id)"
            + " WHERE instance_id = ? AND account_id = ANY(?)",
        difference.inPlace(),
        stagingId,
        instanceId);
    Databases.updateByIds(
        connection,
        INSERT_FROM_STAGING
            + " FROM "
            + table
            + " s WHERE s.staging_id = ? AND s.account_id = ANY(?)",
        difference.added(),
        instanceId,
        stagingId);
  }

  /**
   * The staging rows {@code s} of a staging id (first parameter) that the instance (second) does
   * not have.
   */
  private static String added(String table) {
    return " FROM "
        + table
        + " s WHERE s.staging_id = ? AND NOT EXISTS (SELECT 1 FROM instance_account a"
        + " WHERE a.instance_id = ? AND a.account_id = s.account_id)";
  }

  /**
   * Whether staging row {@code s} holds what the {@code a} row does (the key follows the email).
   */
  private static String same(String a) {
    return "s.primary_email IS NOT DISTINCT FROM "
        + a
        + ".primary_email AND s.other_emails = "
        + a
        + ".other_emails";
  }

  /**
   * What changed, and which of the changed accounts are new to the instance ({@code added}) or
   * still on it with other emails ({@code inPlace}).
   */
  private record Difference(ChangedAccounts changed, Set<Long> added, Set<Long> inPlace) {}

  /** The accounts added, removed or changed; null when there are more than {@code limit}. */
  private static Difference changes(
      Connection connection,
      String table,
      long stagingId,
      long instanceId,
      UsageRows.Read read,
      int limit)
      throws SQLException {
    Set<String> keys = new HashSet<>();
    Set<Long> changedIds = new HashSet<>();
    Set<Long> removedIds = new HashSet<>();
    Set<Long> added = new HashSet<>();
    Set<Long> inPlace = new HashSet<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT a.account_id, a.primary_key, s.account_id, s.primary_key, 0"
                + " FROM instance_account a LEFT JOIN "
                + table
                + " s ON s.staging_id = ? AND s.account_id = a.account_id"
                + " WHERE a.instance_id = ? AND (s.account_id IS NULL OR NOT ("
                + same("a")
                + "))"
                + " UNION ALL SELECT s.account_id, NULL, s.account_id, s.primary_key, 1"
                + added(table))) {
      query.setLong(1, stagingId);
      query.setLong(2, instanceId);
      query.setLong(3, stagingId);
      query.setLong(4, instanceId);
      query.setFetchSize(1000);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (changedIds.size() >= limit) {
            return null;
          }
          long id = rows.getLong(1);
          changedIds.add(id);
          addKey(keys, rows.getString(2));
          rows.getLong(3);
          if (rows.wasNull()) {
            removedIds.add(id);
          } else if (rows.getInt(5) == 1) {
            added.add(id);
          } else {
            inPlace.add(id);
          }
          addKey(keys, rows.getString(4));
        }
      }
    }
    return new Difference(
        new ChangedAccounts(keys, changedIds, removedIds, read.accounts()), added, inPlace);
  }

  private static void addKey(Set<String> keys, String key) {
    if (key != null) {
      keys.add(key);
    }
  }
}
