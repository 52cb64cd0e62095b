package io.licensesync.server.accounts.boundary;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
 * The dormant seats report and its bulk suspend over HTTP and in Chromium: who may use them, every
 * kind of bad input refused as JSON with nothing changed, dormant accounts listed with their age
 * (never a site admin, never an active account), the CSV, and a reclaim that frees the seats and is
 * on the audit trail. Dormancy comes from the accounts' recorded last activity, set in the past
 * through a users report, so no test waits for the threshold.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DormantSeatsIT {

  static final String OPERATOR = "it-operator-dormant";
  static final String REPORT = "api/v3/admin/reports/dormant-seats";
  static final String SUSPEND = REPORT + "/suspensions";

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;

  @BeforeEach
  void signIn() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  /** A new account last active {@code daysAgo} days ago. */
  private String accountInactiveFor(String prefix, long daysAgo) {
    String login = uniqueLogin(prefix);
    Reply created = admin.post("api/v3/admin/users", "{\"login\":\"" + login + "\"}");
    assertEquals(201, created.status(), created.toString());
    ServerUsers.activeAt(admin, login, Instant.now().minus(Duration.ofDays(daysAgo)));
    return login;
  }

  private Api as(String login) {
    Reply reply = admin.post("api/v3/admin/users/" + login + "/authorizations", "{}");
    assertEquals(201, reply.status(), reply.toString());
    return anonymous.withToken(reply.json().get("token").asText());
  }

  /** Every row of the report, read through its pages (last activity order) as a client would. */
  private Map<String, JsonNode> wholeReport() {
    Map<String, JsonNode> rows = new HashMap<>();
    for (int page = 1; page < 1000; page++) {
      Reply reply = admin.get(REPORT + "?per_page=100&page=" + page);
      assertEquals(200, reply.status(), reply.toString());
      JsonNode accounts = reply.json().get("accounts");
      accounts.forEach(a -> rows.put(a.get("login").asText(), a));
      if (accounts.size() < 100) {
        return rows;
      }
    }
    throw new AssertionError("the report did not end");
  }

  private JsonNode user(String login) {
    return admin.get("api/v3/users/" + login).json();
  }

  private long seatsUsed() {
    return admin.get("api/v3/enterprise/settings/license").json().get("seats_used").asLong();
  }

  @Test
  void withoutACredentialTheReportAndTheSuspendAre401AndThePageAsksToSignIn() {
    assertRefused(anonymous.get(REPORT), 401);
    assertRefused(anonymous.get(REPORT + "?format=csv"), 401);
    assertRefused(anonymous.send("GET", REPORT, null, null, "text/csv", false), 401);
    assertRefused(anonymous.post(SUSPEND, "{\"logins\":[\"x\"],\"reason\":\"r\"}"), 401);
    for (String page : List.of("server/dormant.xhtml", "server/dormant-seats.csv")) {
      Reply reply = anonymous.send("GET", page, null, null, "text/html", false);
      assertTrue(reply.status() == 302 || reply.status() == 303, page + ": " + reply.status());
      assertTrue(
          reply.header("Location").orElse("").contains("server/sign-in.xhtml"),
          page + " sends to the sign-in page");
    }
  }

  @Test
  void aPersonWhoIsNotASiteAdminAndACloudOwnerAreRefused() {
    String dormant = accountInactiveFor("dormant-refused", 90);
    String person = uniqueLogin("not-admin");
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + person + "\"}").status());
    Api notAdmin = as(person);
    assertRefused(notAdmin.get(REPORT), 403);
    assertRefused(notAdmin.get(REPORT + "?format=csv"), 403);
    assertRefused(
        notAdmin.post(SUSPEND, "{\"logins\":[\"" + dormant + "\"],\"reason\":\"mine now\"}"), 403);

    String ownerToken =
        SyncScenario.createEnterprise(anonymous, OPERATOR, uniqueLogin("dormant-ent"));
    Api owner = anonymous.withToken(ownerToken);
    assertRefused(owner.get(REPORT), 401);
    assertRefused(
        owner.post(SUSPEND, "{\"logins\":[\"" + dormant + "\"],\"reason\":\"mine now\"}"), 401);
    assertFalse(user(dormant).path("suspended_at").isTextual(), "nothing changed");
  }

  @Test
  void badParametersAreRefusedAsJson() {
    assertInvalid(admin.get(REPORT + "?sort=email"), "sort");
    assertInvalid(admin.get(REPORT + "?direction=up"), "direction");
    assertInvalid(admin.get(REPORT + "?page=0"), "page");
    assertInvalid(admin.get(REPORT + "?page=99999999999999999999"), "page");
    assertInvalid(admin.get(REPORT + "?per_page=-1"), "per_page");
    assertInvalid(admin.get(REPORT + "?format=xml"), "format");
    assertInvalid(admin.get(REPORT + "?format=csv&sort=nope"), "sort");
    Reply pastTheEnd = admin.get(REPORT + "?page=10000000");
    assertEquals(200, pastTheEnd.status(), pastTheEnd.toString());
    assertEquals(0, pastTheEnd.json().get("accounts").size());
  }

  @Test
  void aBadSelectionOrReasonIsRefusedAndNothingIsSuspended() {
    String dormant = accountInactiveFor("dormant-kept", 90);
    String admin2 = accountInactiveFor("dormant-admin", 400);
    assertEquals(204, admin.put("api/v3/users/" + admin2 + "/site_admin", null).status());
    String active = accountInactiveFor("active-kept", 1);
    String neverSignedIn = uniqueLogin("never");
    assertEquals(
        201, admin.post("api/v3/admin/users", "{\"login\":\"" + neverSignedIn + "\"}").status());
    long seats = seatsUsed();

    assertInvalid(admin.post(SUSPEND, "{\"logins\":[],\"reason\":\"gone\"}"), "logins");
    assertInvalid(admin.post(SUSPEND, "{\"reason\":\"gone\"}"), "logins");
    assertInvalid(
        admin.post(SUSPEND, "{\"logins\":\"" + dormant + "\",\"reason\":\"x\"}"), "logins");
    assertInvalid(admin.post(SUSPEND, "{\"logins\":[42],\"reason\":\"x\"}"), "logins");
    assertInvalid(admin.post(SUSPEND, "{\"logins\":[\"" + dormant + "\"]}"), "reason");
    assertInvalid(
        admin.post(SUSPEND, "{\"logins\":[\"" + dormant + "\"],\"reason\":\"  \"}"), "reason");
    assertInvalid(
        admin.post(
            SUSPEND, "{\"logins\":[\"" + dormant + "\"],\"reason\":\"" + "r".repeat(501) + "\"}"),
        "reason");
    assertInvalid(
        admin.post(SUSPEND, "{\"logins\":[\"" + dormant + "\"],\"reason\":\"a\\u0007b\"}"),
        "reason");
    String tooMany =
        String.join(",", IntStream.range(0, 101).mapToObj(i -> "\"" + dormant + "\"").toList());
    assertInvalid(admin.post(SUSPEND, "{\"logins\":[" + tooMany + "],\"reason\":\"x\"}"), "logins");

    Reply withAdmin =
        admin.post(
            SUSPEND,
            "{\"logins\":[\"" + dormant + "\",\"" + admin2 + "\"],\"reason\":\"cleanup\"}");
    assertInvalid(withAdmin, "logins");
    assertTrue(withAdmin.body().contains("site administrator"), withAdmin.body());
    for (String other : List.of(active, neverSignedIn, "no-such-" + dormant)) {
      assertInvalid(
          admin.post(
              SUSPEND,
              "{\"logins\":[\"" + dormant + "\",\"" + other + "\"],\"reason\":\"cleanup\"}"),
          "logins");
    }
    assertRefused(
        admin.send("POST", SUSPEND, "text/plain", "logins", "application/json", false), 415);
    assertRefused(admin.post(SUSPEND, "{\"logins\":["), 400);

    assertTrue(
        user(dormant).path("suspended_at").isNull()
            || user(dormant).path("suspended_at").isMissingNode());
    assertEquals(seats, seatsUsed(), "no seat changed");
  }

  @Test
  void dormantAccountsConsumingASeatAreListedWithTheirAgeAndNeverASiteAdmin() {
    String longAgo = accountInactiveFor("dormant-100", 100);
    String lately = accountInactiveFor("dormant-40", 40);
    String active = accountInactiveFor("active-5", 5);
    String siteAdmin = accountInactiveFor("dormant-admin", 300);
    assertEquals(204, admin.put("api/v3/users/" + siteAdmin + "/site_admin", null).status());

    Reply first = admin.get(REPORT + "?per_page=2");
    assertEquals(200, first.status(), first.toString());
    assertEquals(30, first.json().get("dormancy_threshold_days").asInt());
    assertEquals("last_active", first.json().get("sort").asText());
    assertTrue(first.json().get("total_count").asLong() >= 2);
    assertTrue(first.header("Link").orElse("").contains("rel=\"next\""), "paged with Link");

    Map<String, JsonNode> rows = wholeReport();
    assertEquals(100, rows.get(longAgo).get("days_inactive").asInt(), rows.get(longAgo).toString());
    assertEquals(40, rows.get(lately).get("days_inactive").asInt());
    assertTrue(rows.get(lately).get("last_active_at").isTextual());
    assertFalse(rows.containsKey(active), "an active account is not dormant");
    assertFalse(rows.containsKey(siteAdmin), "site admins are never dormant");
    assertFalse(rows.containsKey(ADMIN));

    List<Instant> oldestFirst = new ArrayList<>();
    admin
        .get(REPORT + "?per_page=100")
        .json()
        .get("accounts")
        .forEach(a -> oldestFirst.add(Instant.parse(a.get("last_active_at").asText())));
    for (int i = 1; i < oldestFirst.size(); i++) {
      assertFalse(oldestFirst.get(i).isBefore(oldestFirst.get(i - 1)), "oldest first");
    }
    List<String> byLoginDesc = new ArrayList<>();
    admin
        .get(REPORT + "?per_page=100&sort=login&direction=desc")
        .json()
        .get("accounts")
        .forEach(a -> byLoginDesc.add(a.get("login").asText().toLowerCase()));
    for (int i = 1; i < byLoginDesc.size(); i++) {
      assertTrue(byLoginDesc.get(i).compareTo(byLoginDesc.get(i - 1)) < 0, "login descending");
    }

    for (Reply csv :
        List.of(
            admin.get(REPORT + "?format=csv&sort=login"),
            admin.send("GET", REPORT, null, null, "text/csv", false))) {
      assertEquals(200, csv.status(), csv.toString());
      assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"));
      String[] lines = csv.body().split("\r?\n");
      assertEquals("\"id\",\"login\",\"last_active_at\",\"days_inactive\"", lines[0]);
      assertTrue(csv.body().contains("\"" + longAgo + "\""), "listed in the CSV");
      assertTrue(csv.body().contains("\"100\""), "with its age");
      assertFalse(csv.body().contains("\"" + siteAdmin + "\""));
      assertFalse(csv.body().contains("\"" + active + "\""));
      assertEquals(rows.size() + 1, lines.length, "the CSV holds the whole report");
    }
  }

  @Test
  void aBulkSuspendWithAReasonFreesTheSeatsAndIsAudited() {
    String one = accountInactiveFor("reclaim-a", 60);
    String two = accountInactiveFor("reclaim-b", 70);
    long seats = seatsUsed();
    Reply done =
        admin.post(
            SUSPEND,
            "{\"logins\":[\""
                + one
                + "\",\""
                + two
                + "\",\""
                + one.toUpperCase()
                + "\"],\"reason\":\"Left the company\"}");
    assertEquals(200, done.status(), done.toString());
    assertEquals(2, done.json().get("suspended").size());
    assertEquals(2, done.json().get("seats_freed").asInt());
    assertEquals(seats - 2, seatsUsed());
    assertEquals(seats - 2, done.json().get("seats_used").asLong());
    assertTrue(user(one).path("suspended_at").isTextual());
    Map<String, JsonNode> rows = wholeReport();
    assertFalse(rows.containsKey(one) || rows.containsKey(two), "no longer listed");

    JsonNode events = admin.get("api/v3/admin/audit-events?per_page=20").json();
    List<String> details = new ArrayList<>();
    events.forEach(e -> details.add(e.get("action").asText() + " " + e.path("details").asText()));
    for (String login : List.of(one, two)) {
      assertTrue(
          details.stream()
              .anyMatch(
                  d ->
                      d.startsWith("user.suspend " + login)
                          && d.contains("dormant seat")
                          && d.contains("reason: Left the company")),
          login + " in " + details);
    }
    assertTrue(
        details.stream()
            .anyMatch(
                d ->
                    d.startsWith(
                        "dormant_seats.suspend 2 dormant account(s) suspended, 2 seat(s) freed")),
        details.toString());
    assertEquals(ADMIN, events.get(0).get("actor").asText());

    Reply again = admin.post(SUSPEND, "{\"logins\":[\"" + one + "\"],\"reason\":\"again\"}");
    assertInvalid(again, "logins");
    assertTrue(again.body().contains("already suspended"), again.body());
  }

  @Test
  void thePageListsDormantAccountsAndSuspendsTheSelectionAfterConfirming() {
    String target = uniqueLogin("page-dormant");
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + target + "\"}").status());
    ServerUsers.activeAt(admin, target, Instant.parse("2001-01-01T00:00:00Z"));
    long seats = seatsUsed();

    browser
        .open(base)
        .go("server/sign-in.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(20, text -> text.contains("Dormant seats"));
    browser.driver().findElement(org.openqa.selenium.By.linkText("Dormant seats")).click();
    browser.waitUntil(20, text -> text.contains("Days inactive"));
    assertTrue(browser.text().contains(target), "the oldest dormant accounts come first");
    assertTrue(
        browser.text().contains("consume a seat") || browser.text().contains("consumes a seat"));

    browser.click("review");
    browser.waitUntil(20, text -> text.contains("Select at least one account"));
    assertTrue(browser.text().contains("Give a reason"));

    checkbox(target).click();
    browser.type("reason", "x".repeat(10)).click("review");
    browser.waitUntil(20, text -> text.contains("They stop consuming seats"));
    assertTrue(browser.find("reviewedLogins").getText().contains(target));
    browser.click("cancelSuspend");
    browser.waitUntil(20, text -> !text.contains("They stop consuming seats"));
    assertEquals(seats, seatsUsed(), "cancel changes nothing");

    browser.click("review");
    browser.waitUntil(20, text -> text.contains("They stop consuming seats"));
    browser.click("confirmSuspend");
    browser.waitUntil(20, text -> text.contains("1 account is suspended; 1 seat freed."));
    assertFalse(browser.text().contains(target), "no longer listed");
    assertTrue(user(target).path("suspended_at").isTextual());
    assertEquals(seats - 1, seatsUsed());

    browser.click("sortLogin");
    browser.waitUntil(20, text -> text.contains("Days inactive"));
    assertTrue(browser.driver().getCurrentUrl().contains("sort=login"));
    browser.go("server/dormant.xhtml?sort=bogus");
    browser.waitUntil(20, text -> text.contains("sorted by last activity"));
  }

  private org.openqa.selenium.WebElement checkbox(String login) {
    return browser
        .driver()
        .findElement(
            org.openqa.selenium.By.cssSelector("input[aria-label='Select " + login + "']"));
  }
}
