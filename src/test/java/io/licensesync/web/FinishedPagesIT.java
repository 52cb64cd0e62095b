package io.licensesync.web;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.ServerUsers;
import io.licensesync.testing.SyncScenario;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages as a finished product, in headless Chromium at desktop and phone width: a message
 * belongs to the action that made it; the run history tells each run in full and a run in progress
 * shows what it is doing; People offers only what can succeed, asking first; a page number out of
 * range says so; nothing is wider than a phone; the navigation marks the page shown; the
 * application's own error pages on both roles.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FinishedPagesIT {

  static final String OPERATOR = "it-operator-finished";

  private static final Pattern SECONDS =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\(");

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.hostname",
            "ghe.finished.example"));
  }

  @ArquillianResource URL base;

  private SyncScenario scenario;
  private Api admin;
  private String slug;
  private String ownerToken;

  @BeforeEach
  void freshEnterpriseNoConnectionAndABrowser() {
    scenario = SyncScenario.fresh(base, OPERATOR);
    admin = scenario.admin;
    slug = scenario.slug;
    ownerToken = scenario.ownerToken;
    browser.open(base);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  @Test
  void syncNowsMessageBelongsToItsActionAndTheRunShowsItsProgressAndThenItsWholeRecord() {
    String login = activeServerUser();
    try (CloudProxy proxy = CloudProxy.to(URI.create(base.toString()))) {
      connectThrough(proxy.url());
      proxy.holdUploads();
      signInToServer();

      browser.go("server/license.xhtml").click("syncNow");
      browser.waitUntil(30, text -> text.contains("Sync now started run"));
      String message = messages();
      long runId = Long.parseLong(message.replaceAll("(?s).*started run (\\d+).*", "$1"));
      // the run in progress says what it is doing, and the page follows it
      browser.waitUntil(30, text -> browser.find("runningNow").getText().contains("uploading"));
      String running = browser.find("runningNow").getText();
      assertTrue(running.contains("run " + runId + " (sync now by " + ADMIN + ")"), running);
      assertTrue(running.contains("running for"), running);
      assertTrue(SECONDS.matcher(running).find(), "started with seconds: " + running);

      // a reload shows the page without the earlier action's message
      browser.go("server/license.xhtml");
      assertEquals("", messages(), "the message went with its action");
      String row = firstRun();
      assertTrue(row.startsWith(runId + " "), row);
      assertTrue(row.contains("running: uploading"), row);
      assertTrue(row.contains("running for"), row);

      // the next action has its own message only
      browser.click("syncNow");
      browser.waitUntil(30, text -> text.contains("already in progress"));
      assertFalse(messages().contains("started run"), messages());

      proxy.releaseUploads();
      browser.go("server/license.xhtml");
      browser.waitUntil(
          60,
          text -> {
            String status = browser.find("syncStatus").getText();
            return !status.contains("Running now") && status.contains("success");
          });
    }
    browser.go("server/license.xhtml");
    assertEquals("", messages());
    JsonNode run = admin.get("api/v3/admin/license-sync/runs").json().get(0);
    List<String> headers =
        browser.find("runs").findElements(By.cssSelector("thead th")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(
        List.of(
            "Run",
            "Started",
            "Finished",
            "Duration",
            "Trigger",
            "Requested by",
            "Outcome",
            "Accounts sent",
            "Added",
            "Removed",
            "Error"),
        headers);
    List<String> cells =
        browser
            .find("runs")
            .findElements(By.cssSelector("tbody tr"))
            .get(0)
            .findElements(By.tagName("td"))
            .stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(run.get("id").asText(), cells.get(0));
    assertTrue(SECONDS.matcher(cells.get(1)).find(), cells.get(1));
    assertTrue(SECONDS.matcher(cells.get(2)).find(), cells.get(2));
    assertTrue(cells.get(3).matches("\\d+ (ms|s)|\\d+ min \\d+ s"), cells.get(3));
    assertEquals("sync now", cells.get(4));
    assertEquals(ADMIN, cells.get(5));
    assertEquals("success", cells.get(6));
    assertEquals(run.get("accounts_sent").asText(), cells.get(7));
    assertTrue(Integer.parseInt(cells.get(7)) >= 1, "at least " + login);
    assertEquals("—", cells.get(10));
  }

  @Test
  void peopleOffersOnlyWhatCanSucceedAndAsksFirst() {
    String siteAdmin = Deployments.uniqueLogin("boss");
    createUser(siteAdmin);
    assertEquals(204, admin.put("api/v3/users/" + siteAdmin + "/site_admin", null).status());
    String neverSignedIn = Deployments.uniqueLogin("never");
    createUser(neverSignedIn);
    String active = activeServerUser();
    signInToServer();

    // the admin's own row: nothing offered
    browser.go("server/people.xhtml?q=" + ADMIN);
    WebElement own = row(ADMIN);
    assertTrue(own.getText().contains(ADMIN + " (you)"), own.getText());
    assertTrue(own.findElements(By.tagName("input")).isEmpty(), own.getText());

    // a site admin: no Suspend (it could only be refused), Demote with a confirming step
    browser.go("server/people.xhtml?q=" + siteAdmin);
    assertTrue(row(siteAdmin).findElements(By.cssSelector("[id$=':suspend']")).isEmpty());
    browser.click("demote");
    browser.waitUntil(20, text -> text.contains("Demote " + siteAdmin + "?"));
    browser.click("cancelDemote");
    browser.waitUntil(20, text -> !text.contains("Demote " + siteAdmin + "?"));
    assertTrue(user(siteAdmin).get("site_admin").asBoolean(), "Cancel changes nothing");
    browser.click("demote");
    browser.waitUntil(20, text -> text.contains("Demote " + siteAdmin + "?"));
    browser.click("confirmDemoteButton");
    browser.waitUntil(20, text -> text.contains(siteAdmin + " is no longer a site administrator"));
    assertFalse(user(siteAdmin).get("site_admin").asBoolean());
    assertFalse(row(siteAdmin).findElements(By.cssSelector("[id$=':suspend']")).isEmpty());

    // suspend asks for a reason and a confirmation
    browser.go("server/people.xhtml?q=" + neverSignedIn);
    assertEquals("", messages(), "the demotion's message stayed with it");
    browser.click("suspend");
    browser.waitUntil(20, text -> text.contains("Suspend " + neverSignedIn + "?"));
    browser.click("confirmSuspendButton");
    browser.waitUntil(20, text -> text.contains("Say why " + neverSignedIn + " is suspended"));
    assertTrue(
        browser.find("suspendReasonProblem").getText().contains("Say why"),
        "the message is next to the field");
    assertFalse(suspended(neverSignedIn), "nothing changed");
    browser.type("suspendReason", "left the company").click("confirmSuspendButton");
    browser.waitUntil(20, text -> text.contains(neverSignedIn + " is suspended"));
    assertEquals(
        neverSignedIn
            + " is suspended. It did not consume a seat before either, so the seats in use are"
            + " unchanged.",
        messages());
    assertTrue(suspended(neverSignedIn));
    browser.go("server/people.xhtml?q=" + neverSignedIn);
    assertEquals("", messages(), "a reload shows the message no more");

    browser.go("server/people.xhtml?q=" + active);
    browser.click("suspend");
    browser.waitUntil(20, text -> text.contains("Suspend " + active + "?"));
    assertTrue(browser.text().contains("no longer consumes a seat"), browser.text());
    browser.type("suspendReason", "on leave").click("confirmSuspendButton");
    browser.waitUntil(20, text -> text.contains(active + " is suspended"));
    assertEquals(active + " is suspended and no longer consumes a seat.", messages());
    browser.click("unsuspend");
    browser.waitUntil(20, text -> text.contains(active + " is no longer suspended."));
    assertFalse(suspended(active));
  }

  @Test
  void aPageNumberOutOfRangeShowsTheLastPageAndSaysSo() {
    browser.size(390, 844);
    signInToServer();
    for (String page :
        List.of(
            "server/people.xhtml",
            "server/license.xhtml",
            "server/dormant.xhtml",
            "server/audit.xhtml")) {
      browser.go(page + "?page=9999");
      String notice = browser.find("pageNotice").getText();
      assertTrue(
          notice.startsWith("There is no page 9999; this is the last page, "),
          page + ": " + notice);
      assertTrue(browser.find("pageNotice").isDisplayed(), page);
      assertFalse(browser.overflowsSideways(), page + " is no wider than a phone");
    }
  }

  @Test
  void everyPageFitsAPhoneMarksWhereYouAreAndUsesAWideScreen() {
    connectThrough(base.toString());
    for (int i = 0; i < 3; i++) {
      activeServerUser();
    }
    browser.size(390, 844);
    browser.go("server/sign-in.xhtml");
    assertFalse(browser.overflowsSideways(), "sign-in is no wider than a phone");
    signInToServer();
    Map<String, String> serverPages =
        Map.of(
            "server/license.xhtml", "License",
            "server/connect.xhtml", "GitHub Connect",
            "server/people.xhtml", "People",
            "server/dormant.xhtml", "Dormant seats",
            "server/audit.xhtml", "Audit");
    serverPages.forEach(
        (page, label) -> {
          browser.go(page);
          assertFalse(browser.overflowsSideways(), page + " is no wider than a phone");
          assertEquals(List.of(label), current(), page);
        });
    // License and GitHub Connect are enterprise settings, as on a real Server
    WebElement settings = browser.driver().findElement(By.cssSelector("nav .nav-group"));
    assertTrue(settings.getText().startsWith("Enterprise settings"), settings.getText());
    assertTrue(settings.getText().contains("GitHub Connect"), settings.getText());
    browser.go("server/connect.xhtml");
    assertTrue(browser.text().contains("License sync (Server can sync"), browser.text());
    assertFalse(browser.text().contains("license_usage_sync"), "no internal keys");

    // a wide table scrolls in its own box
    browser.go("server/people.xhtml");
    WebElement box = browser.driver().findElement(By.cssSelector(".table-scroll"));
    assertEquals("auto", box.getCssValue("overflow-x"));
    assertTrue(
        (Boolean)
            browser.script("return arguments[0].scrollWidth > arguments[0].clientWidth;", box),
        "the accounts are wider than a phone and scroll sideways");
    // buttons look alike
    assertEquals(
        browser.find("signOutButton").getCssValue("border-radius"),
        browser.find("suspend").getCssValue("border-radius"));

    browser.size(1920, 1080);
    browser.go("server/people.xhtml");
    Number width =
        (Number)
            browser.script("return document.getElementById('main').getBoundingClientRect().width;");
    assertTrue(width.doubleValue() > 1500, "the content uses a wide screen: " + width);

    browser.close();
    browser.open(base).size(390, 844);
    browser.go("cloud/sign-in.xhtml");
    assertFalse(browser.overflowsSideways(), "Cloud sign-in is no wider than a phone");
    browser.type("enterprise", slug).type("token", ownerToken).click("submit");
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
    Map.of(
            "cloud/licensing.xhtml",
            "Enterprise licensing",
            "cloud/seats.xhtml",
            "People and seats",
            "cloud/members.xhtml",
            "Members")
        .forEach(
            (page, label) -> {
              browser.go(page);
              assertFalse(browser.overflowsSideways(), page + " is no wider than a phone");
              assertEquals(List.of(label), current(), page);
            });
  }

  @Test
  void unknownAddressesShowTheApplicationsOwnPageInItsLayoutAndTheApisAnswerJson()
      throws Exception {
    // without a session every page, and an unknown one, asks for sign-in first
    for (String page :
        List.of(
            "server/license.xhtml",
            "server/connect.xhtml",
            "server/people.xhtml",
            "server/audit.xhtml",
            "server/no-such-page.xhtml",
            "cloud/licensing.xhtml",
            "cloud/members.xhtml")) {
      browser.go(page);
      String signIn = page.startsWith("cloud") ? "cloud/sign-in.xhtml" : "server/sign-in.xhtml";
      assertTrue(
          browser.driver().getCurrentUrl().contains(signIn),
          page + " -> " + browser.driver().getCurrentUrl());
    }

    browser.size(390, 844);
    browser.go("no/such/page");
    assertErrorPage("license-sync", "Enterprise Server");

    signInToServer();
    for (String path : List.of("server/no-such-page.xhtml", "server/no/such/thing")) {
      browser.go(path);
      assertErrorPage("license-sync · Enterprise Server", "GitHub Connect");
    }
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "server/no-such-page.xhtml"))
                    .header(
                        "Cookie",
                        "JSESSIONID="
                            + browser.driver().manage().getCookieNamed("JSESSIONID").getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(404, answer.statusCode());

    browser.close();
    browser.open(base).size(390, 844);
    browser.go("cloud/sign-in.xhtml").type("enterprise", slug).type("token", ownerToken);
    browser.click("submit");
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
    browser.go("cloud/no-such-page.xhtml");
    assertErrorPage("license-sync · Enterprise Cloud", "Members");

    for (String path : List.of("api/v3/no-such-endpoint", "cloud/api/no-such-endpoint")) {
      Reply json = admin.get(path);
      assertTrue(
          json.header("Content-Type").orElse("").startsWith("application/json"), path + json);
      assertFalse(json.body().contains("<html"), json.body());
    }
  }

  private void assertErrorPage(String product, String navLink) {
    String text = browser.text();
    assertTrue(text.contains("Not Found (404)"), text);
    assertTrue(text.contains("There is no page at this address."), text);
    assertEquals(
        product, browser.driver().findElement(By.cssSelector("header .product")).getText());
    assertFalse(
        browser.driver().findElements(By.linkText(navLink)).isEmpty(), navLink + " in " + text);
    for (String leak : List.of("Exception", "at io.", "Payara", "GlassFish")) {
      assertFalse(browser.driver().getPageSource().contains(leak), leak);
    }
    assertFalse(browser.overflowsSideways(), "the error page fits a phone");
  }

  /** The labels of the navigation links marked as the page shown. */
  private List<String> current() {
    return browser.driver().findElements(By.cssSelector("nav a[aria-current=page]")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The page-wide messages shown ("" when there are none). */
  private String messages() {
    return browser.driver().findElements(By.id("globalMessages")).stream()
        .map(WebElement::getText)
        .findFirst()
        .orElse("")
        .strip();
  }

  private String firstRun() {
    return browser.find("runs").findElements(By.cssSelector("tbody tr")).get(0).getText();
  }

  private WebElement row(String login) {
    return browser.find("people").findElements(By.cssSelector("tbody tr")).stream()
        .filter(tr -> tr.findElements(By.tagName("td")).get(0).getText().startsWith(login))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + login));
  }

  private boolean suspended(String login) {
    JsonNode at = user(login).path("suspended_at");
    return !at.isMissingNode() && !at.isNull();
  }

  private JsonNode user(String login) {
    return admin.get("api/v3/users/" + login).json();
  }

  private void createUser(String login) {
    assertEquals(
        201,
        admin
            .post(
                "api/v3/admin/users",
                "{\"login\":\"" + login + "\",\"email\":\"" + login + "@finished.example\"}")
            .status());
  }

  private String activeServerUser() {
    String login = Deployments.uniqueLogin("finished");
    createUser(login);
    ServerUsers.activeNow(admin, login);
    return login;
  }

  private void connectThrough(String cloudUrl) {
    scenario.connectAndEnable(cloudUrl);
  }

  private void signInToServer() {
    browser
        .go("server/sign-in.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(20, text -> text.contains("License"));
  }
}
