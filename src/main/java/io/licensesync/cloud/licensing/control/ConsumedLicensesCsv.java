package io.licensesync.cloud.licensing.control;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.licensesync.cloud.licensing.entity.ConsumedLicenseJson;
import io.licensesync.csv.CsvCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The consumed licenses CSV report, written once for both ways of getting it: the REST report
 * (owner token) and the download on the licensing page (signed-in owner). Rows are read a page at a
 * time with plain JDBC (only the columns shown, no entities) and streamed, so the heap does not
 * grow with the number of people. No cell can be read as a formula by a spreadsheet: see {@link
 * #neutralised(Object)}.
 */
public final class ConsumedLicensesCsv {

  /** The report's columns, named as GitHub's license usage CSV names them. */
  public static final List<String> HEADER =
      List.of(
          "github_com_login",
          "github_com_name",
          "enterprise_server_user_ids",
          "github_com_user",
          "enterprise_server_user",
          "visual_studio_subscription_user",
          "license_type",
          "github_com_profile",
          "github_com_member_roles",
          "github_com_enterprise_roles",
          "github_com_verified_domain_emails",
          "github_com_saml_name_id",
          "github_com_orgs_with_pending_invites",
          "github_com_two_factor_auth",
          "enterprise_server_primary_emails",
          "visual_studio_license_status",
          "visual_studio_subscription_email",
          "total_user_accounts");

  /** Rows read per query while writing. */
  public static final int PAGE = 5000;

  /** The columns of {@code consumed_license} the report is made of, in the order it reads them. */
  private static final String COLUMNS =
      "github_com_login, github_com_name, server_user_ids, github_com_user,"
          + " enterprise_server_user, github_com_profile, github_com_member_roles,"
          + " github_com_enterprise_roles, verified_domain_emails, saml_name_id,"
          + " orgs_with_pending_invites, two_factor, server_emails, total_user_accounts, sort_key";

  private ConsumedLicensesCsv() {}

  /** Receives the report's rows, cell by cell, as they are read. */
  @FunctionalInterface
  public interface Row {
    void cells(String... cells);
  }

  /**
   * Reads an enterprise's report a page at a time, each page in a transaction of its own ({@link
   * #page}).
   */
  @FunctionalInterface
  public interface Pages {
    /**
     * Hands {@code row} the rows after sort key {@code after} (from the first when null), at most
     * {@code limit}; returns the last one's sort key, or null when there were fewer than {@code
     * limit} (the report is complete).
     */
    byte[] read(byte[] after, int limit, Row row);
  }

  /**
   * Writes the header and every row, as UTF-8; {@code out} is flushed, not closed. Pages follow
   * each other by sort key, not by position: a matching committed between two pages can neither
   * repeat a person nor skip one that kept their place.
   */
  public static void write(Pages pages, OutputStream out) throws IOException {
    CsvWriter csv = CsvCells.writer(out, HEADER);
    byte[] after = null;
    try {
      do {
        after = pages.read(after, PAGE, cells -> CsvCells.print(csv, (Object[]) cells));
        csv.flush();
      } while (after != null);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads one page of enterprise {@code enterpriseId}'s report with plain JDBC ({@link
   * Pages#read}): only the columns the report shows, in the stable order of the people, from the
   * order's index.
   */
  public static byte[] page(
      Connection connection, long enterpriseId, byte[] after, int limit, Row row)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM consumed_license WHERE enterprise_id = ?"
            + (after == null ? "" : " AND sort_key > ?")
            + " ORDER BY sort_key LIMIT ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int p = 1;
      query.setLong(p++, enterpriseId);
      if (after != null) {
        query.setBytes(p++, after);
      }
      query.setInt(p, limit);
      query.setFetchSize(limit);
      byte[] last = null;
      int read = 0;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          row.cells(cells(rows));
          last = rows.getBytes(15);
          read++;
        }
      }
      return read < limit ? null : last;
    }
  }

  private static String[] cells(ResultSet rows) throws SQLException {
    boolean twoFactor = rows.getBoolean(12);
    String twoFactorCell = rows.wasNull() ? "" : String.valueOf(twoFactor);
    return new String[] {
      rows.getString(1),
      rows.getString(2),
      list(rows.getString(3)),
      String.valueOf(rows.getBoolean(4)),
      String.valueOf(rows.getBoolean(5)),
      String.valueOf(ConsumedLicenseJson.VISUAL_STUDIO_USER),
      ConsumedLicenseJson.LICENSE_TYPE,
      rows.getString(6),
      list(rows.getString(7)),
      list(rows.getString(8)),
      list(rows.getString(9)),
      rows.getString(10),
      list(rows.getString(11)),
      twoFactorCell,
      list(rows.getString(13)),
      ConsumedLicenseJson.VISUAL_STUDIO_NONE,
      ConsumedLicenseJson.VISUAL_STUDIO_NONE,
      String.valueOf(rows.getInt(14))
    };
  }

  /** A list as the report shows it, comma-separated ({@code consumed_license} keeps one a line). */
  private static String list(String lines) {
    return lines.replace('\n', ',');
  }

  /** The download's file name: {@code octo-consumed-licenses-2026-11-25.csv}. */
  public static String fileName(String enterpriseSlug, LocalDate day) {
    return enterpriseSlug + "-consumed-licenses-" + day + ".csv";
  }

  /** A cell a spreadsheet will not run ({@link CsvCells#neutralised}). */
  public static Object neutralised(Object cell) {
    return CsvCells.neutralised(cell);
  }
}
