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

  @Test
  void newAccountsAfterAnImportDoNotCollideWithImportedIds() {
    assertEquals(200, importCsv(goodFile(), "").status());
    Reply created = admin.post("api/v3/admin/users", "{\"login\":\"after-import-" + tag + "\"}");
    assertEquals(201, created.status(), created.toString());
    assertTrue(created.json().get("id").asLong() > firstId + 3);
  }
}
