package io.licensesync.server.accounts.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.Metrics;
import java.net.URL;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Importing the site-admin "all users" report over HTTP: a good file creates accounts with their
 * ids and seat state, the same file again changes nothing, a file with any bad line changes nothing
 * and lists every bad line, and a file that is not the report is a 400.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsersReportImportIT {

  private static final String HEADER =
      "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync();
  }

  @ArquillianResource URL base;

  private Api admin;
  private long firstId;
  private String tag;

  @BeforeEach
  void signIn() {
    Api anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    firstId = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    tag = UUID.randomUUID().toString().substring(0, 6);
  }

  private String line(
      long offset, String login, String email, String role, boolean suspended, String lastActive) {
    return "2024-01-09 17:19:06 -0800,"
        + (firstId + offset)
        + ","
        + login
        + "-"
        + tag
        + ","
        + email
        + ","
        + role
        + ","
        + suspended
        + ",10.0.0.1,3,1,2,false,"
        + lastActive
        + ","
        + login
        + ",true\n";
  }

  private String goodFile() {
    return HEADER
        + line(
            0, "imp-ada", "ada-" + tag + "@example.com", "user", false, "2026-11-20 08:00:00 +0000")
        + line(
            1,
            "imp-grace",
            "grace-" + tag + "@example.com",
            "admin",
            false,
            "2026-11-21 08:00:00 +0000")
        + line(
            2,
            "imp-alan",
            "alan-" + tag + "@example.com",
            "user",
            true,
            "2026-01-01 08:00:00 +0000")
        + line(3, "imp-new", "", "user", false, "");
  }

  private Reply importCsv(String csv, String query) {
    return admin.send("POST", "api/v3/admin/users/imports" + query, "text/csv", csv);
  }

  private long stat(String name) {
    return admin.get("api/v3/enterprise/stats/users").json().get(name).asLong();
  }

  private long seatsUsed() {
    return admin.get("api/v3/enterprise/settings/license").json().get("seats_used").asLong();
  }

  @Test
  @Tag("smoke")
  void aGoodReportCreatesTheAccountsWithTheirIdsAndSeatState() {
    long users = stat("total_users");
    long seats = seatsUsed();
    double createdBefore = createdRowsMetric();
    String timed = "licensesync_server_import_duration_seconds_count{outcome=\"applied\"}";
    double timedBefore = Metrics.sampleOrZero(admin.get("metrics").body(), timed);
    Reply reply = importCsv(goodFile(), "");
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(4, reply.json().get("created").asInt());
    assertEquals(0, reply.json().get("updated").asInt());
    assertEquals(0, reply.json().get("errors").size());

    assertEquals(users + 4, stat("total_users"));
    assertEquals(
        seats + 2, seatsUsed(), "ada and grace signed in; alan is suspended; new never signed in");
    JsonNode grace = admin.get("api/v3/users/imp-grace-" + tag).json();
    assertEquals(firstId + 1, grace.get("id").asLong());
    assertTrue(grace.get("site_admin").asBoolean());
    assertTrue(admin.get("api/v3/users/imp-alan-" + tag).json().hasNonNull("suspended_at"));
    assertFalse(
        admin.get("api/v3/users/imp-new-" + tag).json().get("consumes_license").asBoolean());
    assertEquals(createdBefore + 4, createdRowsMetric(), "the import is counted in /metrics");
    String metrics = admin.get("metrics").body();
    assertEquals(timedBefore + 1, Metrics.sample(metrics, timed), "and its time: " + metrics);
    assertTrue(metrics.contains("# TYPE licensesync_server_import_duration_seconds histogram"));
  }

  /** {@code licensesync_server_import_rows_total{outcome="created"}} on /metrics, 0 before any. */
  private double createdRowsMetric() {
    String series = "licensesync_server_import_rows_total{outcome=\"created\"} ";
    for (String line : admin.get("metrics").body().split("\n")) {
      if (line.startsWith(series)) {
        return Double.parseDouble(line.substring(series.length()).strip());
      }
    }
    return 0;
  }

  @Test
  void reImportingTheSameFileChangesNothingAndAChangedLineIsAnUpdate() {
    assertEquals(200, importCsv(goodFile(), "").status());
    long users = stat("total_users");
    long seats = seatsUsed();

    Reply again = importCsv(goodFile(), "");
    assertEquals(200, again.status(), again.toString());
    assertEquals(0, again.json().get("created").asInt());
    assertEquals(0, again.json().get("updated").asInt());
    assertEquals(4, again.json().get("unchanged").asInt());
    assertEquals(users, stat("total_users"));
    assertEquals(seats, seatsUsed());

    String unsuspendAlan =
        goodFile()
            .replace(
                "imp-alan-" + tag + ",alan-" + tag + "@example.com,user,true",
                "imp-alan-" + tag + ",alan-" + tag + "@example.com,user,false");
    Reply changed = importCsv(unsuspendAlan, "");
    assertEquals(1, changed.json().get("updated").asInt(), changed.toString());
    assertEquals(3, changed.json().get("unchanged").asInt());
    assertEquals(seats + 1, seatsUsed());
  }

  @Test
  void aReportWithAnyBadLineChangesNothingAndListsEveryBadLine() {
    long users = stat("total_users");
    String bad =
        HEADER
            + line(0, "imp-ok", "ok-" + tag + "@example.com", "user", false, "")
            + line(1, "imp-bad", "not-an-email", "user", false, "")
            + line(2, "imp-worse", "w-" + tag + "@example.com", "owner", false, "")
            + "only,three,columns\n";
    Reply reply = importCsv(bad, "");
    assertEquals(422, reply.status(), reply.toString());
    assertFalse(reply.json().get("applied").asBoolean());
    JsonNode errors = reply.json().get("errors");
    assertEquals(3, errors.size());
    assertEquals(3, errors.get(0).get("line").asInt());
    assertTrue(errors.get(0).get("message").asText().contains("email is not a valid address"));
    assertEquals(4, errors.get(1).get("line").asInt());
    assertTrue(errors.get(1).get("message").asText().contains("role must be admin or user"));
    assertEquals(5, errors.get(2).get("line").asInt());
    assertEquals(users, stat("total_users"));
    assertEquals(404, admin.get("api/v3/users/imp-ok-" + tag).status());
  }

  @Test
  void aLoginHeldByAnotherAccountIsABadLine() {
    String csv =
        HEADER
            + "2024-01-09T00:00:00Z,"
            + firstId
            + ","
            + ADMIN
            + ",,user,false,,0,0,0,false,,admin,false\n";
    Reply reply = importCsv(csv, "");
    assertEquals(422, reply.status(), reply.toString());
    assertTrue(
        reply
            .json()
            .get("errors")
            .get(0)
            .get("message")
            .asText()
            .contains("belongs to another account"));
    assertTrue(admin.get("api/v3/users/" + ADMIN).json().get("site_admin").asBoolean());
  }

  @Test
  void skipModeAppliesTheGoodLinesAndReportsTheRest() {
    String mixed =
        HEADER
            + line(0, "imp-kept", "kept-" + tag + "@example.com", "user", false, "")
            + line(1, "imp-dropped", "nope", "user", false, "");
    Reply reply = importCsv(mixed, "?on_error=skip");
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(1, reply.json().get("created").asInt());
    assertEquals(1, reply.json().get("errors").size());
    assertEquals(200, admin.get("api/v3/users/imp-kept-" + tag).status());
    assertEquals(404, admin.get("api/v3/users/imp-dropped-" + tag).status());
  }

  @Test
  void aFileThatIsNotTheReportIsA400AndChangesNothing() {
    long users = stat("total_users");
    Reply wrongHeader = importCsv("id,login\n1,mona\n", "");
    assertEquals(400, wrongHeader.status(), wrongHeader.toString());
    assertTrue(wrongHeader.json().get("message").asText().contains("header"));
    assertEquals(
        400,
        importCsv(
                HEADER
                    + "2024-01-09T00:00:00Z,1,\"broken\"quote,,user,false,,0,0,0,false,,x,false\n",
                "")
            .status());
    assertEquals(400, importCsv("", "").status());
    assertEquals(
        415, admin.send("POST", "api/v3/admin/users/imports", "application/json", "{}").status());
    assertEquals(422, importCsv(goodFile(), "?on_error=maybe").status());
    assertEquals(users, stat("total_users"));
  }

  /** A report of {@code n} new accounts, lines 2 to n + 1; line i has login big-(i-2)-tag. */
  private String bigFile(int n) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < n; i++) {
      csv.append(
          line(i, "big-" + i, "big-" + i + "-" + tag + "@example.com", "user", i % 7 == 0, ""));
    }
    return csv.toString();
  }

  @Test
  void aLargeReportWithAConflictInALateLineChangesNothing() {
    String taken = "taken-" + tag;
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + taken + "\"}").status());
    long users = stat("total_users");
    String csv =
        bigFile(3000)
            .replace("big-2900-" + tag + ",", taken.toUpperCase(java.util.Locale.ROOT) + ",");
    Reply reply = importCsv(csv, "");
    assertEquals(422, reply.status(), reply.toString());
    JsonNode errors = reply.json().get("errors");
    assertEquals(1, errors.size(), reply.toString());
    assertEquals(2902, errors.get(0).get("line").asInt());
    assertTrue(
        errors.get(0).get("message").asText().contains("belongs to another account"),
        reply.toString());
    assertEquals(users, stat("total_users"));
    assertEquals(404, admin.get("api/v3/users/big-0-" + tag).status());
  }

  @Test
  void reImportingALargeReportFindsEveryLineUnchangedAndCountsTheChanges() {
    String csv = bigFile(3000);
    Reply first = importCsv(csv, "");
    assertEquals(200, first.status(), first.toString());
    assertEquals(3000, first.json().get("created").asInt());
    long users = stat("total_users");

    Reply again = importCsv(csv, "");
    assertEquals(200, again.status(), again.toString());
    assertEquals(0, again.json().get("created").asInt());
    assertEquals(0, again.json().get("updated").asInt());
    assertEquals(3000, again.json().get("unchanged").asInt());
    assertEquals(users, stat("total_users"));

    String changed =
        csv.replace(
                "big-10-" + tag + ",big-10-" + tag + "@example.com",
                "Big-10-" + tag + ",big-10-" + tag + "@example.com")
            .replace(
                "big-2500-" + tag + ",big-2500-" + tag + "@example.com",
                "big-2500-" + tag + ",new-2500-" + tag + "@example.com")
            .replace(
                "big-2999-" + tag + ",big-2999-" + tag + "@example.com,user",
                "big-2999-" + tag + ",big-2999-" + tag + "@example.com,admin");
    Reply updated = importCsv(changed, "");
    assertEquals(200, updated.status(), updated.toString());
    assertEquals(3, updated.json().get("updated").asInt(), updated.toString());
    assertEquals(2997, updated.json().get("unchanged").asInt());
    assertEquals(
        "Big-10-" + tag, admin.get("api/v3/users/big-10-" + tag).json().get("login").asText());
    assertEquals(
        "new-2500-" + tag + "@example.com",
        admin.get("api/v3/users/big-2500-" + tag).json().get("email").asText());
    assertTrue(admin.get("api/v3/users/big-2999-" + tag).json().get("site_admin").asBoolean());

    Reply backToTheFirstEmail =
        importCsv(changed.replace("new-2500-" + tag, "big-2500-" + tag), "");
    assertEquals(
        1, backToTheFirstEmail.json().get("updated").asInt(), backToTheFirstEmail.toString());
    assertEquals(
        "big-2500-" + tag + "@example.com",
        admin.get("api/v3/users/big-2500-" + tag).json().get("email").asText());
  }

  @Test
  void repeatedLoginsAndEmailsInAnyCaseAcrossALargeReportAreBadLines() {
    long users = stat("total_users");
    String csv =
        bigFile(3000)
            .replace("big-2800-" + tag + ",", "BIG-3-" + tag + ",")
            .replace("big-2900-" + tag + "@", "Big-5-" + tag + "@")
            .replace(firstId + 2950 + ",", firstId + 7 + ",");
    Reply reply = importCsv(csv, "");
    assertEquals(422, reply.status(), reply.toString());
    JsonNode errors = reply.json().get("errors");
    assertEquals(3, errors.size(), reply.toString());
    assertEquals(2802, errors.get(0).get("line").asInt());
    assertEquals(
        "login 'BIG-3-" + tag + "' appears again (first on line 5)",
        errors.get(0).get("message").asText());
    assertEquals(2902, errors.get(1).get("line").asInt());
    assertEquals("email appears again (first on line 7)", errors.get(1).get("message").asText());
    assertEquals(2952, errors.get(2).get("line").asInt());
    assertEquals(
        "id " + (firstId + 7) + " appears again (first on line 9)",
        errors.get(2).get("message").asText());
    assertEquals(users, stat("total_users"));

    Reply skipped = importCsv(csv, "?on_error=skip");
    assertEquals(200, skipped.status(), skipped.toString());
    assertEquals(2997, skipped.json().get("created").asInt());
    assertEquals(3, skipped.json().get("errors").size());
    assertEquals(users + 2997, stat("total_users"));
    assertEquals(404, admin.get("api/v3/users/big-2950-" + tag).status());
  }

  @Test
  void skipModeLeavesOutALineWhoseEmailAnotherAccountHolds() {
    assertEquals(200, importCsv(goodFile(), "").status());
    String csv =
        HEADER
            + line(100, "imp-one", "one-" + tag + "@example.com", "user", false, "")
            + line(101, "imp-two", "ADA-" + tag + "@example.com", "user", false, "");
    Reply rejected = importCsv(csv, "");
    assertEquals(422, rejected.status(), rejected.toString());
    assertEquals(
        "email belongs to another account (id " + firstId + ")",
        rejected.json().get("errors").get(0).get("message").asText());
    Reply skipped = importCsv(csv, "?on_error=skip");
    assertEquals(1, skipped.json().get("created").asInt(), skipped.toString());
    assertEquals(3, skipped.json().get("errors").get(0).get("line").asInt());
    assertEquals(200, admin.get("api/v3/users/imp-one-" + tag).status());
    assertEquals(404, admin.get("api/v3/users/imp-two-" + tag).status());
  }

  @Test
  void newAccountsAfterAnImportDoNotCollideWithImportedIds() {
    assertEquals(200, importCsv(goodFile(), "").status());
    Reply created = admin.post("api/v3/admin/users", "{\"login\":\"after-import-" + tag + "\"}");
    assertEquals(201, created.status(), created.toString());
    assertTrue(created.json().get("id").asLong() > firstId + 3);
  }
}
