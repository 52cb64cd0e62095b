package io.licensesync.server.audit.boundary;

import static io.licensesync.testing.ApiErrors.assertInvalid;
import static io.licensesync.testing.ApiErrors.assertRefused;
import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static io.licensesync.testing.Deployments.uniqueLogin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.ServerUsers;
import io.licensesync.testing.SyncScenario;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Server's audit trail over HTTP and in Chromium: each audited action leaves its event (refused
 * attempts too) with no secret, password or email in it; the filters by actor, action and time, and
 * their refusals; the CSV; who may read it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {

  static final String OPERATOR = "it-operator-audit";
  static final String EVENTS = "api/v3/admin/audit-events";

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;
  private String adminToken;

  @BeforeEach
  void signIn() {
    anonymous = Api.at(base);
    adminToken = anonymous.createToken(ADMIN, ADMIN_PASSWORD);
    admin = anonymous.withToken(adminToken);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The events since {@code since}, oldest first, as "actor action from→to details" lines. */
  private List<String> eventsSince(Instant since) {
    List<String> lines = new ArrayList<>();
    for (int page = 1; ; page++) {
      Reply reply =
          admin.get(EVENTS + "?per_page=100&page=" + page + "&after=" + q(since.toString()));
      assertEquals(200, reply.status(), reply.toString());
      reply.json().forEach(e -> lines.add(0, line(e)));
      if (reply.json().size() < 100) {
        return lines;
      }
    }
  }

  /** An event as one line: "actor action from→to details". */
  private static String line(JsonNode e) {
    return e.get("actor").asText()
        + " "
        + e.get("action").asText()
        + " "
        + e.path("from").asText("-")
        + "→"
        + e.path("to").asText("-")
        + " "
        + e.path("details").asText("");
  }

  private static void assertEvent(List<String> events, String start, String... contains) {
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.startsWith(start) && java.util.Arrays.stream(contains).allMatch(e::contains)),
        "an event " + start + " " + List.of(contains) + " in\n" + String.join("\n", events));
  }

  @Test
  void withoutACredentialOrAsANonAdminOrACloudOwnerTheTrailIsRefused() {
    assertRefused(anonymous.get(EVENTS + "?actor=admin"), 401);
    assertRefused(anonymous.get(EVENTS + "?format=csv"), 401);
    for (String page : List.of("server/audit.xhtml?actor=admin", "server/audit-events.csv")) {
      Reply reply = anonymous.send("GET", page, null, null, "text/html", false);
      assertTrue(reply.status() == 302 || reply.status() == 303, page + ": " + reply.status());
      assertTrue(reply.header("Location").orElse("").contains("server/sign-in.xhtml"));
    }
    String person = uniqueLogin("audit-reader");
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + person + "\"}").status());
    Reply impersonation = admin.post("api/v3/admin/users/" + person + "/authorizations", "{}");
    Api notAdmin = anonymous.withToken(impersonation.json().get("token").asText());
    assertRefused(notAdmin.get(EVENTS), 403);
    assertRefused(notAdmin.get(EVENTS + "?format=csv"), 403);
    String ownerToken =
        SyncScenario.createEnterprise(anonymous, OPERATOR, uniqueLogin("audit-ent"));
    assertRefused(anonymous.withToken(ownerToken).get(EVENTS), 401);
  }

  @Test
  void badFiltersAreRefusedAsJson() {
    assertInvalid(admin.get(EVENTS + "?after=yesterday"), "after");
    assertInvalid(admin.get(EVENTS + "?before=2026-13-01"), "before");
    assertInvalid(admin.get(EVENTS + "?after=2026-12-02&before=2026-12-01"), "before");
    assertInvalid(admin.get(EVENTS + "?action=user*suspend"), "action");
    assertInvalid(admin.get(EVENTS + "?actor=" + "a".repeat(65)), "actor");
    assertInvalid(admin.get(EVENTS + "?actor=a%07b"), "actor");
    assertInvalid(admin.get(EVENTS + "?after=" + "9".repeat(5000)), "after");
    assertInvalid(admin.get(EVENTS + "?format=pdf"), "format");
    assertInvalid(admin.get(EVENTS + "?format=csv&after=soon"), "after");
    assertInvalid(admin.get(EVENTS + "?page=0"), "page");
  }

  @Test
  void everyAdminActionIsAuditedAndFiltersFindIt() throws Exception {
    Instant start = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    String login = uniqueLogin("audited");
    String email = login + "@audit.example";
    assertEquals(
        201,
        admin
            .post("api/v3/admin/users", "{\"login\":\"" + login + "\",\"email\":\"" + email + "\"}")
            .status());
    ServerUsers.activeNow(admin, login);
    assertEquals(
        204,
        admin
            .put(
                "api/v3/users/" + login + "/suspended",
                "{\"reason\":\"Asked by mona@audit.example\"}")
            .status());
    assertEquals(204, admin.delete("api/v3/users/" + login + "/suspended").status());
    assertEquals(204, admin.put("api/v3/users/" + login + "/site_admin", null).status());
    assertEquals(204, admin.delete("api/v3/users/" + login + "/site_admin").status());
    Reply impersonation = admin.post("api/v3/admin/users/" + login + "/authorizations", "{}");
    assertEquals(201, impersonation.status());
    String impersonationToken = impersonation.json().get("token").asText();
    Api asPerson = anonymous.withToken(impersonationToken);
    Reply personal = asPerson.post("api/v3/user/tokens", "{\"note\":\"made while impersonating\"}");
    assertEquals(201, personal.status(), personal.toString());
    assertEquals(204, admin.delete("api/v3/admin/users/" + login + "/authorizations").status());
    Reply mine = admin.post("api/v3/user/tokens", "{\"note\":\"audit token\"}");
    String mineId = mine.json().get("id").asText();
    assertEquals(204, admin.delete("api/v3/user/tokens/" + mineId).status());
    assertEquals(
        401,
        anonymous
            .withAuthorization(Api.basic(ADMIN, "wrong-password"))
            .post("api/v3/user/tokens", "{\"note\":\"x\"}")
            .status());
    String renamed = login + "-r";
    assertEquals(
        202,
        admin.patch("api/v3/admin/users/" + login, "{\"login\":\"" + renamed + "\"}").status());

    // refused: connect to nowhere, disconnect and enable while not connected
    admin.delete("api/v3/admin/github-connect?force=true");
    assertEquals(
        422,
        admin
            .put(
                "api/v3/admin/github-connect",
                "{\"cloud_url\":\"ftp://nowhere\",\"enterprise\":\"e\",\"token\":\"lsc_secret-never-shown\"}")
            .status());
    assertEquals(409, admin.delete("api/v3/admin/github-connect").status());
    assertEquals(
        409,
        admin
            .put("api/v3/admin/license-sync", "{\"setting\":\"Enabled\",\"cloud_token\":\"lsc_x\"}")
            .status());

    // connect, a refused enable, enable, Sync now, export, disconnect
    SyncScenario scenario = SyncScenario.fresh(base, OPERATOR);
    assertEquals(201, scenario.connect(base.toString()).status());
    assertEquals(403, admin.put("api/v3/admin/license-sync", "{\"setting\":\"Enabled\"}").status());
    assertEquals(
        200,
        admin
            .put(
                "api/v3/admin/license-sync",
                "{\"setting\":\"Enabled\",\"cloud_token\":\"" + scenario.ownerToken + "\"}")
            .status());
    scenario.syncNowAndWait();
    assertEquals(200, admin.get("api/v3/admin/license-sync/export").status());
    assertEquals(200, admin.delete("api/v3/admin/github-connect").status());
    assertEquals(204, admin.delete("api/v3/admin/users/" + renamed).status());

    List<String> events = eventsSince(start);
    assertEvent(events, "admin sign_in.succeeded", "REST API");
    assertEvent(events, "anonymous sign_in.failed", "'admin'");
    assertEvent(events, "admin user.create -→" + login);
    assertEvent(events, "admin user.suspend active→suspended " + login, "reason: Asked by [email]");
    assertEvent(events, "admin user.unsuspend suspended→active " + login);
    assertEvent(events, "admin user.promote user→site admin " + login);
    assertEvent(events, "admin user.demote site admin→user " + login);
    assertEvent(events, "admin user.impersonation_token.created", "acting as " + login);
    assertEvent(
        events,
        login + " user.impersonation_token.created",
        "made while impersonating",
        "(impersonation token)");
    assertEvent(events, "admin user.impersonation_token.revoked", "acting as " + login);
    assertEvent(events, "admin token.created", "audit token");
    assertEvent(events, "admin token.revoked token " + mineId);
    assertEvent(events, "admin users.import", "applied: 0 created, 1 updated");
    assertEvent(events, "admin user.rename " + login + "→" + renamed);
    assertEvent(events, "admin user.delete " + renamed);
    assertEvent(events, "admin github_connect.connect_failed -→e", "422");
    assertEvent(events, "admin github_connect.disconnect_failed", "409");
    assertEvent(events, "admin license_sync.setting_refused Disabled→Enabled", "409");
    assertEvent(events, "admin github_connect.connect -→" + scenario.slug);
    assertEvent(events, "admin license_sync.setting_refused Disabled→Enabled", "403");
    assertEvent(events, "admin license_sync.setting Disabled→Enabled");
    assertEvent(events, "admin license_sync.sync_now");
    assertEvent(events, "admin license_sync.export");
    assertEvent(events, "admin github_connect.disconnect " + scenario.slug);

    List<String> cloud = cloudLog(scenario.owner, scenario.slug, "");
    assertEvent(cloud, "", "instance.connect", "server ");
    assertEvent(cloud, "(instance) usage.upload_applied", " accounts, ");
    assertEvent(cloud, "", "instance.disconnect", "its usage removed");

    Reply csv = admin.get(EVENTS + "?format=csv&after=" + q(start.toString()));
    assertEquals(200, csv.status());
    assertTrue(
        csv.body().startsWith("\"id\",\"at\",\"actor\",\"action\",\"from\",\"to\",\"details\""));
    for (String secret :
        List.of(
            adminToken,
            impersonationToken,
            personal.json().get("token").asText(),
            mine.json().get("token").asText(),
            scenario.ownerToken,
            "lsc_secret-never-shown",
            ADMIN_PASSWORD,
            "wrong-password",
            email,
            "mona@audit.example")) {
      assertFalse(csv.body().contains(secret), "never in the trail: " + secret);
    }
    assertFalse(csv.body().matches("(?s).*[A-Za-z0-9]@[A-Za-z0-9].*"), "no email at all");

    Reply byActor = admin.get(EVENTS + "?per_page=100&actor=" + login);
    byActor.json().forEach(e -> assertEquals(login, e.get("actor").asText()));
    assertTrue(byActor.json().size() >= 1, byActor.toString());
    Reply byAction = admin.get(EVENTS + "?per_page=100&action=user.*&after=" + q(start.toString()));
    assertTrue(byAction.json().size() >= 7, byAction.toString());
    byAction.json().forEach(e -> assertTrue(e.get("action").asText().startsWith("user.")));
    Reply exact = admin.get(EVENTS + "?action=user.promote&after=" + q(start.toString()));
    assertEquals(1, exact.json().size(), exact.toString());
    Reply beforeStart =
        admin.get(EVENTS + "?per_page=100&actor=" + login + "&before=" + q(start.toString()));
    assertEquals(0, beforeStart.json().size(), "nothing of this test before it started");
    Reply byDay =
        admin.get(
            EVENTS
                + "?action=user.promote&after="
                + start.toString().substring(0, 10)
                + "&per_page=100");
    assertTrue(byDay.json().size() >= 1, "a date is midnight UTC");
    Reply csvByAccept =
        admin.send(
            "GET",
            EVENTS + "?action=user.promote&after=" + q(start.toString()),
            null,
            null,
            "text/csv",
            false);
    assertEquals(2, csvByAccept.body().split("\r?\n").length, csvByAccept.body());
  }

  @Test
  void theAuditPageFiltersAndShowsABadFilterNextToItsField() {
    String login = uniqueLogin("page-audited");
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + login + "\"}").status());
    assertEquals(204, admin.put("api/v3/users/" + login + "/site_admin", null).status());
    assertEquals(204, admin.delete("api/v3/users/" + login + "/site_admin").status());

    browser
        .open(base)
        .go("server/sign-in.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(20, text -> text.contains("License"));
    browser.go("server/audit.xhtml");
    browser.type("action", "user.promote").type("after", "2000-01-01").click("filterButton");
    browser.waitUntil(20, text -> text.contains("match the filter"));
    assertTrue(browser.text().contains(login), "the promotion is listed");
    assertFalse(browser.text().contains("user.demote"), "other actions are not");
    assertTrue(
        browser.find("csv").getAttribute("href").contains("action=user.promote"),
        "the CSV link carries the filter");

    browser.type("after", "last tuesday").click("filterButton");
    browser.waitUntil(20, text -> text.contains("After must be a date"));
    assertTrue(browser.find("afterProblem").isDisplayed());
    assertFalse(browser.text().contains(login), "nothing listed for a filter that cannot be read");
  }

  /** The events of enterprise {@code slug}'s audit log as "actor action from→to details" lines. */
  private List<String> cloudLog(Api owner, String slug, String query) {
    Reply reply = owner.get("cloud/api/enterprises/" + slug + "/audit-log?per_page=100" + query);
    assertEquals(200, reply.status(), reply.toString());
    List<String> lines = new ArrayList<>();
    reply.json().forEach(e -> lines.add(line(e)));
    return lines;
  }

  @Test
  void theCloudAuditLogShowsAnEnterprisesEventsToItsOwnersOnly() {
    String slug = uniqueLogin("log");
    String other = uniqueLogin("log-other");
    Api owner = anonymous.withToken(SyncScenario.createEnterprise(anonymous, OPERATOR, slug));
    Api otherOwner = anonymous.withToken(SyncScenario.createEnterprise(anonymous, OPERATOR, other));
    String log = "cloud/api/enterprises/" + slug + "/audit-log";
    assertEquals(
        200,
        owner
            .post(
                "cloud/api/enterprises/" + slug + "/members",
                "[{\"login\":\"logged-person\",\"name\":\"Logged\",\"emails\":[{\"email\":\"p@log.example\",\"verified\":true}],"
                    + "\"enterprise_role\":\"member\",\"org_roles\":[]}]")
            .status());
    Reply token =
        owner.post(
            "cloud/api/enterprises/" + slug + "/owners/owner/tokens", "{\"note\":\"for the log\"}");
    assertEquals(201, token.status(), token.toString());
    assertEquals(
        200,
        otherOwner
            .post(
                "cloud/api/enterprises/" + other + "/members",
                "[{\"login\":\"elsewhere\",\"emails\":[],\"enterprise_role\":\"member\",\"org_roles\":[]}]")
            .status());

    List<String> events = cloudLog(owner, slug, "");
    assertEvent(events, "(operator) enterprise.create -→" + slug, "first owner owner");
    assertEvent(events, "owner members.provision", "1 created, 0 updated, 0 unchanged");
    assertEvent(events, "owner owner_token.created -→owner", "note: for the log");
    assertEquals(3, events.size(), "only this enterprise's events: " + events);
    assertEquals(
        List.of("owner members.provision -→- 1 created, 0 updated, 0 unchanged"),
        cloudLog(owner, slug, "&action=members.*&after=2000-01-01"));
    assertEquals(0, cloudLog(owner, slug, "&actor=nobody").size());
    Reply csv = owner.get(log + "?format=csv");
    assertEquals(200, csv.status());
    assertEquals(4, csv.body().split("\r?\n").length, csv.body());
    assertFalse(csv.body().contains("p@log.example"), "no email");

    assertRefused(anonymous.get(log), 401);
    assertRefused(admin.get(log), 401);
    assertRefused(otherOwner.get(log), 404);
    assertRefused(otherOwner.get(log + "?format=csv"), 404);
    assertInvalid(owner.get(log + "?after=someday"), "after");
    assertInvalid(owner.get(log + "?before=2026-01-01&after=2026-02-01"), "before");
    assertInvalid(owner.get(log + "?format=xml"), "format");
    assertInvalid(owner.get(log + "?page=0"), "page");
  }
}
