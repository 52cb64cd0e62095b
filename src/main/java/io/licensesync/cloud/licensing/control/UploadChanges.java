package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What an applied upload changed on its instance: the accounts newly consuming (those it added,
 * which {@code UsageDiff} wrote as pending) and no longer consuming (those it removed), and among
 * the others those newly matched to a member and no longer matched. The last two compare the
 * members the upload's matching noted ({@link AccountMembers}) with the stored {@code
 * account_member} rows, before {@link AccountMembers#apply} replaces them: one join of the
 * instance's accounts, nothing held but four counters.
 */
public final class UploadChanges {

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

  /** The instance's accounts now, as {@link #count} found them. */
  private int accounts;

  private UploadChanges(Connection connection, AppliedUpload upload, Integer previous) {
    this.connection = connection;
    this.upload = upload;
    this.previous = previous;
  }

  /** Starts recording what {@code upload} changed on its instance. */
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

  /**
   * Whether the instance's accounts were matched after an upload before, so that their stored
   * members tell what this one changed.
   */
  public boolean compares() {
    return previous != null;
  }

  /**
   * The counts, from the accounts {@code members} noted and the stored ones (call before {@link
   * AccountMembers#apply}). A matching of everyone noted the matched accounts only: the instance's
   * accounts are joined with them. A scoped one noted every account it matched again, the only ones
   * whose member can have changed (and among them every account the upload added); the upload's
   * removed accounts are known by id.
   */
  Counts count(AccountMembers members) throws SQLException {
    if (!compares()) {
      // the instance's first upload (or the first since V27): every account is new to it
      accounts =
          single("SELECT COUNT(*) FROM instance_account WHERE instance_id = ?", false, members);
      int matched =
          single(
              "SELECT COUNT(*) FROM account_match WHERE scope = ? AND instance_id = ?",
              true,
              members);
      return new Counts(false, accounts, 0, matched, 0);
    }
    // o: the member stored before, t: the member noted now (a scoped matching notes every account
    // it matched again, member or not; a matching of everyone only the matched ones)
    String sums =
        "SELECT COUNT(*),"
            + " SUM(CASE WHEN a.pending THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN a.pending IS NULL AND o.member_id IS NULL"
            + " AND t.member_id IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN o.member_id IS NOT NULL AND t.member_id IS NULL THEN 1 ELSE 0 END)";
    String old =
        " LEFT JOIN account_member o ON o.instance_id = a.instance_id"
            + " AND o.account_id = a.account_id";
    String join = " a.instance_id = t.instance_id AND a.account_id = t.account_id";
    String sql =
        members.everyAccount()
            ? sums
                + " FROM account_match t JOIN instance_account a ON"
                + join
                + old
                + " WHERE t.scope = ? AND t.instance_id = ?"
            : sums
                + " FROM instance_account a LEFT JOIN account_match t ON t.scope = ? AND"
                + join
                + old
                + " WHERE a.instance_id = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, members.enterpriseId());
      query.setLong(2, upload.instanceId());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        accounts = members.everyAccount() ? upload.accounts().accounts() : row.getInt(1);
        return new Counts(
            true, row.getInt(2), upload.removedAccounts(), row.getInt(3), row.getInt(4));
      }
    }
  }

  /** The one number {@code sql} answers for the instance (after the scope when {@code scoped}). */
  private int single(String sql, boolean scoped, AccountMembers members) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int next = 1;
      if (scoped) {
        query.setLong(next++, members.enterpriseId());
      }
      query.setLong(next, upload.instanceId());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /**
   * Records the upload's {@code counts} (changes older than {@code keepFrom} forgotten; call after
   * {@link #count}) and that the instance's accounts were matched after an upload.
   */
  public void finish(Counts counts, Instant now, LocalDate keepFrom) throws SQLException {
    try (PreparedStatement current =
        connection.prepareStatement(
            "UPDATE connected_instance SET state_generation = ? WHERE id = ?")) {
      current.setInt(1, previous == null ? 1 : previous + 1);
      current.setLong(2, upload.instanceId());
      current.executeUpdate();
    }
    record(counts, accounts, now, keepFrom);
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
}
