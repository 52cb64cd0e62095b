package io.licensesync.server.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.server.accounts.entity.ImportReport.LineError;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsersReportTest {

  static final String HEADER =
      "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n";

  private static UsersReport parse(String body) {
    return UsersReport.parse(new StringReader(HEADER + body));
  }

  @Test
  void readsTheReportsOwnTimeFormatRolesAndFlags() {
    UsersReport report =
        parse(
            "2024-01-09 17:19:06 -0800,42,mona,mona@example.com,admin,false,10.0.0.1,3,1,2,false,2026-11-20 08:00:00 +0000,mona,true\n");
    assertEquals(List.of(), report.errors());
    ReportRow row = report.rows().get(0);
    assertEquals(42, row.id());
    assertEquals("mona", row.login());
    assertEquals("mona@example.com", row.email());
    assertTrue(row.siteAdmin());
    assertFalse(row.suspended());
    assertEquals(Instant.parse("2024-01-10T01:19:06Z"), row.createdAt());
    assertEquals(Instant.parse("2026-11-20T08:00:00Z"), row.lastActive());
  }

  @Test
  void anEmptyLastActiveMeansNeverSignedIn() {
    UsersReport report =
        parse("2024-01-09T00:00:00Z,7,newbie,,user,false,,0,0,0,false,,newbie,false\n");
    assertEquals(List.of(), report.errors());
    assertNull(report.rows().get(0).lastActive());
    assertNull(report.rows().get(0).email());
  }

  @Test
  void everyBadLineIsListedWithItsReason() {
    UsersReport report =
        parse(
            "2024-01-09T00:00:00Z,1,good,good@example.com,user,false,,0,0,0,false,,good,false\n"
                + "2024-01-09T00:00:00Z,x,bad-id,a@example.com,user,false,,0,0,0,false,,bad-id,false\n"
                + "2024-01-09T00:00:00Z,3,-bad-login,b@example.com,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,4,badmail,not-an-email,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,5,badrole,c@example.com,owner,maybe,,0,0,0,false,yesterday,x,false\n"
                + "too,few,columns\n");
    List<LineError> errors = report.errors();
    assertEquals(List.of(3L, 4L, 5L, 6L, 7L), errors.stream().map(LineError::line).toList());
    assertTrue(errors.get(0).message().contains("id must be a positive number"));
    assertTrue(errors.get(1).message().contains("not a valid login"));
    assertTrue(errors.get(2).message().contains("email is not a valid address"));
    assertTrue(errors.get(3).message().contains("role must be admin or user"));
    assertTrue(errors.get(3).message().contains("suspended? must be true or false"));
    assertTrue(errors.get(3).message().contains("last_active is not a time"));
    assertTrue(errors.get(4).message().contains("expected 14 columns, found 3"));
    assertEquals(1, report.rows().size());
  }

  @Test
  void duplicatesWithinTheFileAreRefusedCaseInsensitively() {
    UsersReport report =
        parse(
            "2024-01-09T00:00:00Z,1,Mona,mona@example.com,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,2,mona,other@example.com,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,3,hubot,MONA@example.com,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,1,octo,octo@example.com,user,false,,0,0,0,false,,x,false\n");
    assertEquals(List.of(3L, 4L, 5L), report.errors().stream().map(LineError::line).toList());
    assertTrue(report.errors().get(0).message().contains("first on line 2"));
  }

  @Test
  void botAndSystemLoginsAreAccepted() {
    UsersReport report =
        parse(
            "2024-01-09T00:00:00Z,1,ghost,,user,false,,0,0,0,false,,ghost,false\n"
                + "2024-01-09T00:00:00Z,2,deploy[bot],,user,false,,0,0,0,false,,deploy[bot],false\n");
    assertEquals(List.of(), report.errors());
  }

  @Test
  void aFileWithoutTheReportHeaderIsMalformed() {
    UsersReport.MalformedReportException e =
        assertThrows(
            UsersReport.MalformedReportException.class,
            () -> UsersReport.parse(new StringReader("id,login\n1,mona\n")));
    assertTrue(e.getMessage().contains("header"));
  }

  @Test
  void anEmptyFileIsMalformed() {
    assertThrows(
        UsersReport.MalformedReportException.class, () -> UsersReport.parse(new StringReader("")));
  }

  @Test
  void brokenQuotingIsMalformed() {
    assertThrows(
        UsersReport.MalformedReportException.class,
        () ->
            parse(
                "2024-01-09T00:00:00Z,1,\"mona\"x,a@example.com,user,false,,0,0,0,false,,x,false\n"));
  }

  @Test
  void hugeIdsOverlongOrControlCharacterLoginsAndEmailsAndFarTimesAreLineErrors() {
    UsersReport report =
        parse(
            "2024-01-09T00:00:00Z,"
                + "9".repeat(5000)
                + ",ok-one,,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,2,"
                + "l".repeat(5000)
                + ",,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,3,\"nul\u0000login\",,user,false,,0,0,0,false,,x,false\n"
                + "2024-01-09T00:00:00Z,4,mail-nul,\"a\u0000@example.com\",user,false,,0,0,0,false,,x,false\n"
                + "+999999999-01-01T00:00:00Z,5,far-future,,user,false,,0,0,0,false,,x,false\n");
    assertEquals(List.of(), report.rows());
    List<String> messages = report.errors().stream().map(LineError::message).toList();
    assertEquals("id must be a positive number of at most 19 digits", messages.get(0));
    assertEquals("login is longer than 64 characters", messages.get(1));
    assertEquals("login must not contain control characters", messages.get(2));
    assertEquals("email is not a valid address", messages.get(3));
    assertEquals("created_at is out of range: years 1970 to 9999", messages.get(4));
  }
}
