package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.cloud.licensing.entity.ConsumedLicenseJson;
import io.licensesync.csv.CsvCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The consumed licenses CSV report, written once for both ways of getting it: the REST report
 * (owner token) and the download on the licensing page (signed-in owner). Rows are read a page at a
 * time and streamed, so the heap does not grow with the number of people. No cell can be read as a
 * formula by a spreadsheet: see {@link #neutralised(Object)}.
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
  public static final int PAGE = 1000;

  private ConsumedLicensesCsv() {}

  /**
   * Reads an enterprise's consumed licenses by position: {@code from} inclusive, {@code to}
   * exclusive.
   */
  @FunctionalInterface
  public interface Rows {
    List<ConsumedLicense> read(int from, int to);
  }

  /** Writes the header and every row, as UTF-8; {@code out} is flushed, not closed. */
  public static void write(Rows rows, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVPrinter printer =
        new CSVPrinter(
            writer,
            CSVFormat.DEFAULT
                .builder()
                .setHeader(HEADER.toArray(String[]::new))
                .setQuoteMode(QuoteMode.ALL)
                .get());
    int from = 0;
    List<ConsumedLicense> page;
    do {
      page = rows.read(from, from + PAGE);
      for (ConsumedLicense row : page) {
        printer.printRecord(record(ConsumedLicenseJson.of(row)));
      }
      printer.flush();
      from += PAGE;
    } while (page.size() == PAGE);
  }

  /** The download's file name: {@code octo-consumed-licenses-2026-11-25.csv}. */
  public static String fileName(String enterpriseSlug, LocalDate day) {
    return enterpriseSlug + "-consumed-licenses-" + day + ".csv";
  }

  /** A cell a spreadsheet will not run ({@link CsvCells#neutralised}). */
  public static Object neutralised(Object cell) {
    return CsvCells.neutralised(cell);
  }

  private static Object[] record(ConsumedLicenseJson u) {
    Object[] cells = cells(u);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = neutralised(cells[i]);
    }
    return cells;
  }

  private static Object[] cells(ConsumedLicenseJson u) {
    return new Object[] {
      u.githubComLogin(),
      u.githubComName(),
      String.join(",", u.enterpriseServerUserIds()),
      u.githubComUser(),
      u.enterpriseServerUser(),
      u.visualStudioSubscriptionUser(),
      u.licenseType(),
      u.githubComProfile(),
      String.join(",", u.githubComMemberRoles()),
      String.join(",", u.githubComEnterpriseRoles()),
      String.join(",", u.githubComVerifiedDomainEmails()),
      u.githubComSamlNameId(),
      String.join(",", u.githubComOrgsWithPendingInvites()),
      u.githubComTwoFactorAuth() == null ? "" : u.githubComTwoFactorAuth(),
      String.join(",", u.enterpriseServerEmails()),
      u.visualStudioLicenseStatus(),
      u.visualStudioSubscriptionEmail(),
      u.totalUserAccounts()
    };
  }
}
