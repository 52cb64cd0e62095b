package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedAccounts;
import io.licensesync.cloud.instances.control.BulkInsert;
import io.licensesync.database.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What an applied upload changed on its instance, kept while matching streams the people: each of
 * the instance's Server accounts and the member it was matched to (none when it counts on its own)
 * goes into {@code account_state} as the instance's next generation; after matching, one join of
 * that generation with the previous one (the instance's previous applied upload) counts the
 * accounts newly consuming, no longer consuming, newly matched to a member and no longer matched,
 * stores them in {@code upload_change} and forgets the previous generation. Rows go out in batches
 * on the matching's connection; nothing but four counters is held.
 */
public final class UploadChanges implements AutoCloseable {

  private static final int ANALYZE_FROM = 10_000;
  private static final String[] COLUMNS = {"instance_id", "generation", "account_id", "member_id"};
  private static final int[] TYPES = {Types.BIGINT, Types.INTEGER, Types.BIGINT, Types.BIGINT};

  /** The counts of one applied upload; {@code compared} is false for an instance's first. */
  public record Counts(
      boolean compared,
      int newlyConsuming,
      int noLongerConsuming,
      int newlyMatched,
      int unmatched) {}

  private final Connection connection;
  private final AppliedUpload upload;
  private final Integer previous;
  private final int generation;
  private final BulkInsert rows;

  private UploadChanges(Connection connection, AppliedUpload upload, Integer previous) {
    this.connection = connection;
    this.upload = upload;
    this.previous = previous;
    this.generation = previous == null ? 1 : previous + 1;
    this.rows = BulkInsert.into(connection, "account_state", COLUMNS, TYPES, false);
  }

  /** Starts recording {@code upload}'s instance's accounts as matching finds them. */
  public static UploadChanges start(Connection connection, AppliedUpload upload)
      throws SQLException {
    Integer previous = null;
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT state_generation FROM connected_instance WHERE id = ?")) {
      query.setLong(1, upload.instanceId());
      try (ResultSet row = query.executeQuery()) {
        if (row.next()) {
          int value = row.getInt(1);
          previous = row.wasNull() ? null : value;
        }
      }
    }
    return new UploadChanges(connection, upload, previous);
  }

  /** Whether the instance had an applied upload to compare with. */
  public boolean compares() {
    return previous != null;
  }

  /** Notes the accounts of this instance among {@code person}'s. */
  public void add(MatchQuery.MatchedPerson person) throws SQLException {
    for (int i = 0; i < person.serverAccounts().size(); i++) {
      MatchQuery.Origin origin = person.origins().get(i);
      if (upload.serverId().equals(origin.serverId())) {
        Long member =
            person.member() != null && origin.matchedBy() != null ? person.member().id() : null;
        rows.row(
            upload.instanceId(), generation, person.serverAccounts().get(i).accountId(), member);
      }
    }
  }

  /** Sends the rows noted so far (call between batches of the matching). */
  public void flush() throws SQLException {
    rows.flush();
  }

  /**
   * Compares with the previous generation, records the upload's counts (changes older than {@code
   * keepFrom} forgotten) and makes this generation the instance's; returns the counts.
   */
  public Counts finish(Instant now, LocalDate keepFrom) throws SQLException {
    rows.finish();
    if (rows.rows() >= ANALYZE_FROM) {
      // the join below, planned with these rows counted (a hash join, not a probe per account)
      Databases.analyze(connection, "account_state");
    }
    Counts counts = previous == null ? firstUpload() : compare(true);
    try (PreparedStatement forget =
            connection.prepareStatement(
                "DELETE FROM account_state WHERE instance_id = ? AND generation <> ?");
        PreparedStatement current =
            connection.prepareStatement(
                "UPDATE connected_instance SET state_generation = ? WHERE id = ?")) {
      forget.setLong(1, upload.instanceId());
      forget.setInt(2, generation);
      forget.executeUpdate();
      current.setInt(1, generation);
      current.setLong(2, upload.instanceId());
      current.executeUpdate();
    }
    record(counts, rows.rows(), now, keepFrom);
    return counts;
  }

  /**
   * After a matching of only the people the upload's {@code changed} accounts touch: those people's
   * accounts of this instance were noted, so they are compared with the previous generation, the
   * removed accounts count as no longer consuming, and the noted rows replace theirs in it (the
   * instance keeps its generation; the other accounts' rows stand). Records the counts. {@code
   * scope}: the matching's {@code match_scope}, which holds the removed accounts' ids as kind R.
   */
  public Counts finishScoped(ChangedAccounts changed, long scope, Instant now, LocalDate keepFrom)
      throws SQLException {
    rows.finish();
    Counts noted = compare(false);
    Counts counts =
        new Counts(
            true,
            noted.newlyConsuming(),
            changed.removedIds().size(),
            noted.newlyMatched(),
            noted.unmatched());
    // one pass over the generation (PostgreSQL indexes it by instance and generation only, which
    // keeps the full matching's COPY cheap): the rows noted again, and the removed accounts' (R of
    // the matching's scope)
    boolean pg = Databases.isPostgreSql(connection);
    try (PreparedStatement replaced =
            connection.prepareStatement(
                "DELETE FROM account_state WHERE instance_id = ? AND generation = ?"
                    + (pg
                        ? " AND (account_id IN (SELECT n.account_id FROM account_state n"
                            + " WHERE n.instance_id = ? AND n.generation = ?)"
                        // H2 would run an IN subquery again for every row (InScope)
                        : " AND (EXISTS (SELECT 1 FROM account_state n WHERE n.instance_id = ?"
                            + " AND n.generation = ? AND n.account_id = account_state.account_id)")
                    + " OR "
                    + InScope.of(pg, "CAST(account_state.account_id AS VARCHAR(20))", "'R'")
                    + ")");
        PreparedStatement kept =
            connection.prepareStatement(
                "UPDATE account_state SET generation = ? WHERE instance_id = ?"
                    + " AND generation = ?")) {
      replaced.setLong(1, upload.instanceId());
      replaced.setInt(2, previous);
      replaced.setLong(3, upload.instanceId());
      replaced.setInt(4, generation);
      replaced.setLong(5, scope);
      replaced.executeUpdate();
      kept.setInt(1, previous);
      kept.setLong(2, upload.instanceId());
      kept.setInt(3, generation);
      kept.executeUpdate();
    }
    record(counts, changed.accounts(), now, keepFrom);
    return counts;
  }

  /** Records the upload's counts; changes older than {@code keepFrom} are forgotten. */
  private void record(Counts counts, long accounts, Instant now, LocalDate keepFrom)
      throws SQLException {
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO upload_change (instance_id, upload_id, via, applied_at, accounts,"
                    + " compared, newly_consuming, no_longer_consuming, newly_matched, unmatched)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement old =
            connection.prepareStatement(
                "DELETE FROM upload_change WHERE instance_id = ? AND applied_at < ?")) {
      insert.setLong(1, upload.instanceId());
      insert.setString(2, upload.uploadId());
      insert.setString(3, upload.via());
      insert.setTimestamp(4, Timestamp.from(now));
      insert.setLong(5, accounts);
      insert.setBoolean(6, counts.compared());
      insert.setInt(7, counts.newlyConsuming());
      insert.setInt(8, counts.noLongerConsuming());
      insert.setInt(9, counts.newlyMatched());
      insert.setInt(10, counts.unmatched());
      insert.executeUpdate();
      old.setLong(1, upload.instanceId());
      old.setTimestamp(2, Timestamp.from(keepFrom.atStartOfDay(ZoneOffset.UTC).toInstant()));
      old.executeUpdate();
    }
  }

  private Counts firstUpload() throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COUNT(*), COUNT(member_id) FROM account_state"
                + " WHERE instance_id = ? AND generation = ?")) {
      query.setLong(1, upload.instanceId());
      query.setInt(2, generation);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new Counts(false, row.getInt(1), 0, row.getInt(2), 0);
      }
    }
  }

  /** The counts of the noted rows against the previous generation ({@code gone}: and the rest). */
  private Counts compare(boolean gone) throws SQLException {
    // new: in this generation only; in both, with a member now and none before (matched) or the
    // other way round (unmatched); gone: the previous generation's accounts not in both
    int newlyConsuming;
    int inBoth;
    int newlyMatched;
    int unmatched;
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT"
                + " SUM(CASE WHEN o.account_id IS NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.account_id IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.account_id IS NOT NULL"
                + " AND o.member_id IS NULL AND n.member_id IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.account_id IS NOT NULL"
                + " AND o.member_id IS NOT NULL AND n.member_id IS NULL THEN 1 ELSE 0 END)"
                + " FROM account_state n LEFT JOIN account_state o ON o.instance_id = n.instance_id"
                + " AND o.generation = ? AND o.account_id = n.account_id"
                + " WHERE n.instance_id = ? AND n.generation = ?")) {
      query.setInt(1, previous);
      query.setLong(2, upload.instanceId());
      query.setInt(3, generation);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        newlyConsuming = row.getInt(1);
        inBoth = row.getInt(2);
        newlyMatched = row.getInt(3);
        unmatched = row.getInt(4);
      }
    }
    if (!gone) {
      return new Counts(true, newlyConsuming, 0, newlyMatched, unmatched);
    }
    int before;
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM account_state WHERE instance_id = ? AND generation = ?")) {
      query.setLong(1, upload.instanceId());
      query.setInt(2, previous);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        before = row.getInt(1);
      }
    }
    return new Counts(true, newlyConsuming, before - inBoth, newlyMatched, unmatched);
  }

  @Override
  public void close() throws SQLException {
    rows.close();
  }
}
