package io.licensesync.cloud.licensing.control;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.cloud.licensing.entity.ConsumedLicenseJson;
import io.licensesync.csv.CsvCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The consumed licenses CSV report, written once for both ways of getting it: the REST report
 * (owner token) and the download on the licensing page (signed-in owner). People are read a page at
 * a time with plain JDBC ({@link PeopleInOrder}) and streamed, so the heap does not grow with the
 * number of people. No cell can be read as a formula by a spreadsheet: see {@link
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
   * Pages#read}): the people after {@code after}, in their stable order ({@link PeopleInOrder}).
   */
  public static byte[] page(
      Connection connection, long enterpriseId, byte[] after, int limit, Row row)
      throws SQLException {
    return PeopleInOrder.read(
        connection, enterpriseId, after, false, limit, person -> row.cells(cells(person)));
  }

  private static String[] cells(ConsumedLicense person) {
    Boolean twoFactor = person.twoFactor();
    return new String[] {
      person.login(),
      person.name(),
      list(person.serverUserIds()),
      String.valueOf(person.cloudUser()),
      String.valueOf(person.serverUser()),
      String.valueOf(ConsumedLicenseJson.VISUAL_STUDIO_USER),
      ConsumedLicenseJson.LICENSE_TYPE,
      person.profile(),
      list(person.memberRoles()),
      list(person.enterpriseRoles()),
      list(person.verifiedDomainEmails()),
      person.samlNameId(),
      list(person.pendingInvites()),
      twoFactor == null ? "" : String.valueOf(twoFactor),
      list(person.serverEmails()),
      ConsumedLicenseJson.VISUAL_STUDIO_NONE,
      ConsumedLicenseJson.VISUAL_STUDIO_NONE,
      String.valueOf(person.totalUserAccounts())
    };
  }

  /** A list as the report shows it, comma-separated. */
  private static String list(List<String> values) {
    return String.join(",", values);
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
