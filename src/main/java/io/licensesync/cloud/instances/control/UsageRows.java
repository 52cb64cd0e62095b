package io.licensesync.cloud.instances.control;

import io.licensesync.cloud.instances.entity.InstanceAccount;
import io.licensesync.identity.Emails;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageReader;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * A usage document's accounts as rows, streamed from the document straight into {@code
 * instance_account} (an instance's latest usage) or into {@code usage_staging} (where Add server
 * usage keeps a file's accounts, under a staging id, while it vets the file it read once): the
 * primary email apart and keyed for matching ({@link Emails#keyOf}), the others joined as {@link
 * InstanceAccount} stores them. Plain JDBC in the caller's transaction, never an entity per row.
 */
public final class UsageRows {

  private static final String[] ACCOUNT_COLUMNS = {
    "instance_id", "account_id", "primary_email", "primary_key", "other_emails"
  };
  private static final String[] STAGING_COLUMNS = {
    "staging_id", "account_id", "primary_email", "primary_key", "other_emails"
  };
  private static final int[] TYPES = {
    Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR
  };

  private UsageRows() {}

  /**
   * Reads {@code document} and writes its accounts as instance {@code instanceId}'s rows (the
   * caller removed the old ones); returns what the document says about itself and how many accounts
   * it held.
   *
   * @throws LicenseUsageReader.InvalidUsageException when the document is not valid
   */
  public static Read intoInstance(Connection connection, long instanceId, InputStream document)
      throws SQLException {
    return read(connection, "instance_account", ACCOUNT_COLUMNS, instanceId, document);
  }

  /** Reads {@code document} into the staging rows of {@code stagingId}. */
  public static Read intoStaging(Connection connection, long stagingId, InputStream document)
      throws SQLException {
    return read(connection, "usage_staging", STAGING_COLUMNS, stagingId, document);
  }

  /**
   * Reads {@code document} into {@code table}, shaped like {@code usage_staging}, under {@code
   * stagingId} (PostgreSQL's temporary table of {@link UsageDiff}).
   */
  static Read intoStagingTable(
      Connection connection, String table, long stagingId, InputStream document)
      throws SQLException {
    return read(connection, table, STAGING_COLUMNS, stagingId, document);
  }

  /** Makes the staging rows of {@code stagingId} instance {@code instanceId}'s accounts. */
  public static int stagedToInstance(Connection connection, long stagingId, long instanceId)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO instance_account"
                + " (instance_id, account_id, primary_email, primary_key, other_emails)"
                + " SELECT ?, account_id, primary_email, primary_key, other_emails"
                + " FROM usage_staging WHERE staging_id = ?")) {
      insert.setLong(1, instanceId);
      insert.setLong(2, stagingId);
      return insert.executeUpdate();
    }
  }

  /** Removes the staging rows of {@code stagingId}. */
  public static void dropStaged(Connection connection, long stagingId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM usage_staging WHERE staging_id = ?")) {
      delete.setLong(1, stagingId);
      delete.executeUpdate();
    }
  }

  /** Removes instance {@code instanceId}'s accounts. */
  public static void deleteAccounts(Connection connection, long instanceId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM instance_account WHERE instance_id = ?")) {
      delete.setLong(1, instanceId);
      delete.executeUpdate();
    }
  }

  private static Read read(
      Connection connection, String table, String[] columns, long owner, InputStream document)
      throws SQLException {
    try (BulkInsert rows = BulkInsert.into(connection, table, columns, TYPES, true)) {
      LicenseUsageDocument.Metadata metadata;
      try {
        metadata =
            LicenseUsageReader.read(
                document,
                account -> {
                  try {
                    rows.row(values(owner, account));
                  } catch (SQLException e) {
                    throw new WriteFailed(e);
                  }
                });
      } catch (WriteFailed e) {
        throw e.getCause();
      }
      rows.finish();
      return new Read(metadata, Math.toIntExact(rows.rows()), BulkInsert.copies(connection));
    }
  }

  private static Object[] values(long owner, LicenseUsageDocument.Account account) {
    String primary = account.primaryEmail().orElse(null);
    List<String> others =
        account.emails().stream()
            .filter(e -> !e.primary())
            .map(LicenseUsageDocument.Email::email)
            .toList();
    return new Object[] {
      owner,
      account.id(),
      primary,
      primary == null ? null : Emails.keyOf(primary),
      InstanceAccount.joinOthers(others)
    };
  }

  /**
   * What a document said about itself, how many accounts it held, and whether they were written
   * with COPY (for the log).
   */
  public record Read(LicenseUsageDocument.Metadata metadata, int accounts, boolean copied) {}

  /** Carries a failed write out of the reader's consumer. */
  private static final class WriteFailed extends RuntimeException {
    WriteFailed(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
