package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumed licenses report as {@link ConsumedLicensesCsv} reads it from {@code
 * consumed_license} (an in-memory H2 database the migrations built) and writes it.
 */
class ConsumedLicensesCsvTest {

  private Connection db;

  @BeforeEach
  void database() throws SQLException {
    db = MigratedH2.open("csv");
    try (Statement s = db.createStatement()) {
      for (int id = 1; id <= 2; id++) {
        s.execute(
            "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
                + " version) VALUES ("
                + id
                + ", 'e"
                + id
                + "', 'E', 10, '', CURRENT_TIMESTAMP, 0)");
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  /** A Server-only person of enterprise 1 at place {@code seq} of the order. */
  private void serverOnly(long enterprise, int seq) throws SQLException {
    person(
        enterprise,
        seq,
        "",
        "",
        false,
        "",
        null,
        "ghe.example.com:" + seq,
        "p" + seq + "@example.com",
        1);
  }

  private void person(
      long enterprise,
      int seq,
      String login,
      String name,
      boolean cloudUser,
      String memberRoles,
      Boolean twoFactor,
      String serverIds,
      String serverEmails,
      int total)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO consumed_license (enterprise_id, sort_key, person_id, github_com_login,"
                + " github_com_name, github_com_profile, github_com_user, github_com_member_roles,"
                + " github_com_enterprise_roles, verified_domain_emails, saml_name_id,"
                + " orgs_with_pending_invites, two_factor, enterprise_server_user, server_user_ids,"
                + " server_emails, total_user_accounts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', ?, ?, ?, ?, ?)")) {
      insert.setLong(1, enterprise);
      insert.setBytes(2, new byte[] {(byte) (seq >> 16), (byte) (seq >> 8), (byte) seq});
      insert.setString(3, "p" + seq);
      insert.setString(4, login);
      insert.setString(5, name);
      insert.setString(6, login.isEmpty() ? "" : "https://github.com/" + login);
      insert.setBoolean(7, cloudUser);
      insert.setString(8, memberRoles);
      insert.setString(9, login.isEmpty() ? "" : "member");
      insert.setObject(10, twoFactor);
      insert.setBoolean(11, !serverIds.isEmpty());
      insert.setString(12, serverIds);
      insert.setString(13, serverEmails);
      insert.setInt(14, total);
      insert.executeUpdate();
    }
  }

  /** The report of enterprise 1, read page by page from the database. */
  private List<CSVRecord> written() throws IOException {
    return parsed(report(pages()));
  }

  private ConsumedLicensesCsv.Pages pages() {
    return (after, limit, row) -> {
      try {
        return ConsumedLicensesCsv.page(db, 1, after, limit, row);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static String report(ConsumedLicensesCsv.Pages pages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsumedLicensesCsv.write(pages, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<CSVRecord> parsed(String text) throws IOException {
    try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
      return parser.getRecords();
    }
  }

  @Test
  void theReportStartsWithGitHubsColumnNames() throws IOException {
    List<CSVRecord> records = written();
    assertEquals(1, records.size());
    assertEquals(ConsumedLicensesCsv.HEADER, records.get(0).toList());
  }

  @Test
  void everyRowOfTheEnterpriseIsWrittenAcrossReadPagesInOrder() throws Exception {
    for (int i = ConsumedLicensesCsv.PAGE + 1; i >= 0; i--) {
      serverOnly(1, i);
    }
    serverOnly(2, 7); // another enterprise's person is never in the report
    List<CSVRecord> records = written();
    assertEquals(ConsumedLicensesCsv.PAGE + 3, records.size());
    for (int i = 0; i <= ConsumedLicensesCsv.PAGE + 1; i++) {
      assertEquals("ghe.example.com:" + i, records.get(i + 1).get(2));
    }
  }

  @Test
  void aPersonRemovedBetweenTwoPagesMakesNoOtherRowRepeatOrGoMissing() throws Exception {
    for (int i = 0; i < ConsumedLicensesCsv.PAGE + 10; i++) {
      serverOnly(1, i);
    }
    int[] pages = {0};
    String text =
        report(
            (after, limit, row) -> {
              if (pages[0]++ == 1) { // a matching committed between the first and second page
                try (Statement s = db.createStatement()) {
                  s.execute("DELETE FROM consumed_license WHERE person_id = 'p3'");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              }
              return pages().read(after, limit, row);
            });
    List<CSVRecord> records = parsed(text);
    // page 1 had p3; page 2 starts right after page 1's last person, whatever moved before it
    assertEquals(ConsumedLicensesCsv.PAGE + 11, records.size());
    assertEquals(
        "ghe.example.com:" + ConsumedLicensesCsv.PAGE,
        records.get(ConsumedLicensesCsv.PAGE + 1).get(2));
  }

  @Test
  void cellsAreWrittenAsGitHubsReportShowsThem() throws Exception {
    person(
        1,
        1,
        "mona",
        "Mona Lisa",
        true,
        "org1:owner\norg2:member",
        true,
        "a:1\nb:2",
        "m@x\nn@x",
        3);
    serverOnly(1, 2);
    String text = report(pages());
    List<CSVRecord> records = parsed(text);
    assertEquals(
        List.of(
            "mona",
            "Mona Lisa",
            "a:1,b:2",
            "true",
            "true",
            "false",
            "enterprise",
            "https://github.com/mona",
            "org1:owner,org2:member",
            "member",
            "",
            "",
            "",
            "true",
            "m@x,n@x",
            "",
            "",
            "3"),
        records.get(1).toList());
    assertEquals("", records.get(2).get(13)); // two-factor unknown for a Server-only person
    assertEquals("false", records.get(2).get(3));
    // every cell quoted, every line ended by CRLF
    assertTrue(text.startsWith("\"github_com_login\",\"github_com_name\","), text);
    assertTrue(text.contains("\"mona\",\"Mona Lisa\",\"a:1,b:2\",\"true\""), text);
    assertEquals(3, text.split("\r\n", -1).length - 1);
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsAFormulaGetASingleQuoteInFront() {
    assertEquals("'=HYPERLINK(\"x\")", ConsumedLicensesCsv.neutralised("=HYPERLINK(\"x\")"));
    assertEquals("'+1", ConsumedLicensesCsv.neutralised("+1"));
    assertEquals("'-2+3", ConsumedLicensesCsv.neutralised("-2+3"));
    assertEquals("'@SUM(A1)", ConsumedLicensesCsv.neutralised("@SUM(A1)"));
    assertEquals("'\tx", ConsumedLicensesCsv.neutralised("\tx"));
    assertEquals("'\rx", ConsumedLicensesCsv.neutralised("\rx"));
  }

  @Test
  void ordinaryCellsAndNumbersAreLeftAsTheyAre() {
    assertEquals("mona", ConsumedLicensesCsv.neutralised("mona"));
    assertEquals("a=b", ConsumedLicensesCsv.neutralised("a=b"));
    assertEquals("", ConsumedLicensesCsv.neutralised(""));
    assertEquals(-1, ConsumedLicensesCsv.neutralised(-1));
  }

  @Test
  void aNameStartingWithAnEqualsSignIsWrittenQuotedAndNeutralised() throws Exception {
    person(1, 1, "mona", "=cmd|' /C calc'!A0", true, "", null, "", "", 1);
    String text = report(pages());
    assertTrue(text.contains("\"'=cmd|' /C calc'!A0\""), text);
    assertEquals("'=cmd|' /C calc'!A0", parsed(text).get(1).get(1));
  }

  @Test
  void aClientThatGoesAwayEndsTheReportWithItsError() {
    IOException gone = new IOException("Broken pipe");
    List<String> seen = new ArrayList<>();
    IOException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class,
            () ->
                ConsumedLicensesCsv.write(
                    (after, limit, row) -> {
                      seen.add("page");
                      throw new UncheckedIOException(gone);
                    },
                    new ByteArrayOutputStream()));
    assertEquals(gone, thrown);
    assertEquals(1, seen.size());
  }

  @Test
  void theFileIsNamedAfterTheEnterpriseAndTheDay() {
    assertEquals(
        "octo-consumed-licenses-2026-11-25.csv",
        ConsumedLicensesCsv.fileName("octo", LocalDate.of(2026, 11, 25)));
  }
}
