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
import io.licensesync.testing.Deployments;
import io.licensesync.testing.ServerUsers;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The pages of both roles in a real browser (headless Chromium through Selenium): a site admin
 * signs in, connects, picks Enabled, presses Sync now and sees it succeed, and the owner sees the
 * same people on the Cloud licensing page; a non-owner sees the refusal; a forged post is refused;
 * what people typed shows as text. Screenshots of failures go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PagesIT {

  static final String OPERATOR = "it-operator-pages";

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.hostname",
            "ghe.pages.example"));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;
  private String slug;
  private String ownerToken;

  @BeforeEach
  void freshEnterpriseNoConnectionAndABrowser() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    admin.delete("api/v3/admin/github-connect?force=true");
    slug = "pages-" + UUID.randomUUID().toString().substring(0, 8);
    ownerToken = createEnterprise(slug);
    browser.open(base);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private String createEnterprise(String slug) {
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":40,\"owner\":{\"login\":\"owner\",\"emails\":[{\"email\":\"owner@"
                    + slug
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("owner_token").asText();
  }

  private String activeServerUser(String email) {
    String login = Deployments.uniqueLogin("pages");
    assertEquals(
        201,
        admin
            .post("api/v3/admin/users", "{\"login\":\"" + login + "\",\"email\":\"" + email + "\"}")
            .status());
    ServerUsers.activeNow(admin, login);
    return login;
  }

  private void signInToServer() {
    browser
        .go("server/sign-in.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(20, text -> text.contains("License"));
  }

  private void signInToCloud(String enterprise, String token) {
    browser
        .go("cloud/sign-in.xhtml")
        .type("enterprise", enterprise)
        .type("token", token)
        .click("submit");
  }

  @Test
  void aSiteAdminConnectsEnablesSyncsAndTheOwnerSeesTheSamePeopleOnTheCloud() {
    String email = "shared-" + UUID.randomUUID().toString().substring(0, 6) + "@pages.example";
    String serverLogin = activeServerUser(email);
    long serverId = admin.get("api/v3/users/" + serverLogin).json().get("id").asLong();
    assertEquals(
        200,
        anonymous
            .withToken(ownerToken)
            .post(
                "cloud/api/enterprises/" + slug + "/members",
                "[{\"login\":\"shared-person\",\"name\":\"Shared Person\",\"emails\":[{\"email\":\""
                    + email.toUpperCase()
                    + "\",\"verified\":true}],"
                    + "\"enterprise_role\":\"member\",\"org_roles\":[\"pages:Member\"]}]")
            .status());

    signInToServer();
    browser
        .go("server/connect.xhtml")
        .type("cloudUrl", base.toString())
        .type("enterprise", slug)
        .type("ownerToken", ownerToken)
        .click("connect");
    browser.waitUntil(
        30,
        text ->
            text.contains(slug) && text.contains("Server can sync user license count and usage"));

    browser.select("licenseSyncSetting", "Enabled").type("cloudToken", ownerToken).click("save");
    browser.waitUntil(30, text -> text.toLowerCase().contains("enabled"));
    assertEquals("Enabled", admin.get("api/v3/admin/license-sync").json().get("setting").asText());

    JsonNode earlier = admin.get("api/v3/admin/license-sync/runs").json();
    long before = earlier.size() == 0 ? 0 : earlier.get(0).get("id").asLong();
    browser.go("server/license.xhtml").click("syncNow");
    browser.waitUntil(
        90,
        text -> {
          JsonNode newest = admin.get("api/v3/admin/license-sync/runs").json().get(0);
          String status = browser.find("syncStatus").getText();
          return newest.get("id").asLong() > before
              && !status.contains("Running now")
              && status.contains("success");
        });
    JsonNode run = admin.get("api/v3/admin/license-sync/runs").json().get(0);
    assertEquals("success", run.get("status").asText());
    assertEquals("sync_now", run.get("trigger").asText());
    // the history says what the run changed since the last successful one
    browser.go("server/license.xhtml");
    String history = browser.find("runs").getText();
    assertTrue(history.contains("Added") && history.contains("Removed"), history);
    assertTrue(history.contains("+" + run.get("accounts_added").asInt()), history);

    browser.close();
    browser.open(base);
    signInToCloud(slug, ownerToken);
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
    String instances = browser.find("instances").getText();
    assertTrue(instances.contains("ghe.pages.example"), instances);
    assertTrue(instances.contains("GitHub Connect server usage synced"), instances);
    String licenses = browser.find("consumedLicenses").getText();
    assertTrue(licenses.contains("shared-person"), licenses);
    assertTrue(
        licenses.contains("ghe.pages.example:" + serverId),
        "the Server account is the same person: " + licenses);

    JsonNode api =
        anonymous
            .withToken(ownerToken)
            .get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=25")
            .json();
    int rows = browser.find("consumedLicenses").findElements(By.cssSelector("tbody tr")).size();
    assertEquals(api.get("users").size(), rows, "the page shows the API's people");
    assertTrue(browser.text().contains(api.get("total_seats_consumed").asText()));

    // each person links to why they count
    browser.find("consumedLicenses").findElement(By.linkText("shared-person")).click();
    browser.waitUntil(30, text -> text.contains("Why shared-person counts"));
    assertEquals("Cloud and Server", browser.find("personWhere").getText());
  }

  @Test
  void anAirGappedServerExportsFromTheLicensePageAndTheOwnerAddsTheFileOnTheCloudPage()
      throws Exception {
    admin.delete("api/v3/admin/license-sync/export/cloud-key");
    String email = "airgap-" + UUID.randomUUID().toString().substring(0, 6) + "@pages.example";
    long serverId = admin.get("api/v3/users/" + activeServerUser(email)).json().get("id").asLong();

    signInToServer();
    browser.go("server/license.xhtml");
    assertTrue(
        browser
            .find("exportWarning")
            .getText()
            .contains("email addresses of this Server's users in clear"),
        "warned before download");
    assertEquals("Export license usage (not encrypted)", browser.find("exportUsage").getText());
    String signing = browser.find("signingFingerprint").getText();
    assertTrue(signing.startsWith("SHA256:"), signing);
    String publicKey = browser.find("signingKey").getAttribute("value");
    assertTrue(
        publicKey.contains("\"kty\":\"EC\"") && !publicKey.contains("\"d\""),
        "the public key only: " + publicKey);

    browser
        .type("pasteEnterprise", slug)
        .type("pasteKey", "{\"kty\":\"EC\"}")
        .click("pasteKeySave");
    browser.waitUntil(
        30,
        text ->
            text.contains("Key must be the license usage key the Cloud's licensing page shows"));
    assertEquals(
        "{\"kty\":\"EC\"}", browser.find("pasteKey").getAttribute("value"), "keeps what was typed");
    assertFalse(
        admin.get("api/v3/admin/license-sync/export/key").json().get("encrypted").asBoolean(),
        "a refused key changes nothing");

    browser.close();
    browser.open(base);
    signInToCloud(slug, ownerToken);
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
    String enterpriseKey = browser.find("usageKey").getAttribute("value");
    String enterpriseFingerprint = browser.find("usageKeyFingerprint").getText();

    browser.close();
    browser.open(base);
    signInToServer();
    browser
        .go("server/license.xhtml")
        .type("pasteEnterprise", slug)
        .type("pasteKey", enterpriseKey)
        .click("pasteKeySave");
    browser.waitUntil(
        30,
        text ->
            text.contains("Exported files are now encrypted for the enterprise '" + slug + "'"));
    assertTrue(
        browser.find("encryptedFor").getText().contains(enterpriseFingerprint),
        browser.find("encryptedFor").getText());
    assertTrue(
        browser.driver().findElements(By.id("exportWarning")).isEmpty(),
        "no warning once the file is encrypted");

    String href = browser.find("exportUsage").getAttribute("href");
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    HttpResponse<byte[]> download =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", "JSESSIONID=" + session.getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertTrue(
        download
            .headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("license-usage-ghe.pages.example-"));
    String file = new String(download.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(file.contains("@"), "no email in clear in the downloaded file");
    java.nio.file.Path saved = java.nio.file.Files.createTempFile("license-usage-", ".json");
    java.nio.file.Files.write(saved, download.body());
    java.nio.file.Path tampered =
        java.nio.file.Files.createTempFile("license-usage-tampered-", ".json");
    JsonNode json = Api.JSON.readTree(file);
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("hostname", "other.example");
    java.nio.file.Files.writeString(tampered, json.toString());

    browser.close();
    browser.open(base);
    signInToCloud(slug, ownerToken);
    browser.waitUntil(30, text -> text.contains("Add server usage"));
    long seatsBefore =
        anonymous
            .withToken(ownerToken)
            .get("cloud/api/enterprises/" + slug + "/consumed-licenses")
            .json()
            .get("total_seats_consumed")
            .asLong();
    browser.find("usageFile").sendKeys(tampered.toAbsolutePath().toString());
    browser.click("addUsage");
    browser.waitUntil(30, text -> text.contains("changed after it was exported"));
    assertEquals(
        seatsBefore,
        anonymous
            .withToken(ownerToken)
            .get("cloud/api/enterprises/" + slug + "/consumed-licenses")
            .json()
            .get("total_seats_consumed")
            .asLong(),
        "a refused file changes nothing");

    browser.find("usageFile").sendKeys(saved.toAbsolutePath().toString());
    browser.click("addUsage");
    browser.waitUntil(30, text -> text.contains("Server usage of ghe.pages.example"));
    assertTrue(
        browser.text().contains("registered with its signing key " + signing), browser.text());
    String instances = browser.find("instances").getText();
    assertTrue(instances.contains("Server usage uploaded"), instances);
    assertTrue(instances.contains(signing), instances);
    assertTrue(
        browser.find("consumedLicenses").getText().contains("ghe.pages.example:" + serverId),
        browser.find("consumedLicenses").getText());
    java.nio.file.Files.deleteIfExists(saved);
    java.nio.file.Files.deleteIfExists(tampered);
  }

  @Test
  void aSiteAdminWhoIsNotACloudOwnerSeesTheRefusalAndNothingChanges() {
    assertEquals(
        201,
        admin
            .put(
                "api/v3/admin/github-connect",
                "{\"cloud_url\":\""
                    + base
                    + "\",\"enterprise\":\""
                    + slug
                    + "\",\"token\":\""
                    + ownerToken
                    + "\"}")
            .status());
    String strangerToken = createEnterprise(slug + "-other");
    signInToServer();
    browser
        .go("server/connect.xhtml")
        .select("licenseSyncSetting", "Enabled")
        .type("cloudToken", strangerToken)
        .click("save");
    browser.waitUntil(30, text -> text.contains("does not belong to an owner"));
    assertEquals("Disabled", admin.get("api/v3/admin/license-sync").json().get("setting").asText());
  }

  @Test
  void aFormPostThatDoesNotComeFromThisSiteIsRefused() throws Exception {
    signInToServer();
    browser.go("server/connect.xhtml");
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String origin : new String[] {null, "https://evil.example"}) {
      HttpRequest.Builder post =
          HttpRequest.newBuilder(URI.create(base + "server/connect.xhtml"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Cookie", "JSESSIONID=" + session.getValue())
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "cloudUrl=https%3A%2F%2Fevil.example&enterprise=" + slug + "&token=x"));
      if (origin != null) {
        post.header("Origin", origin);
      }
      HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, answer.statusCode(), "origin " + origin);
      assertTrue(answer.body().contains("Request refused"));
    }
    assertEquals(404, admin.get("api/v3/admin/github-connect").status(), "nothing changed");
  }

  @Test
  void whatPeopleTypeIsShownAsTextNeverRun() {
    browser
        .go("server/sign-in.xhtml")
        .type("login", "<script>alert(1)</script>")
        .type("password", "x")
        .click("submit");
    browser.waitUntil(20, text -> text.contains("Incorrect login or password"));
    assertNoAlert();
    assertEquals(
        "<script>alert(1)</script>",
        browser.find("login").getAttribute("value"),
        "keeps what was typed, as text");

    assertEquals(
        200,
        anonymous
            .withToken(ownerToken)
            .post(
                "cloud/api/enterprises/" + slug + "/members",
                "[{\"login\":\"xss\",\"name\":\"<script>document.title='pwned'</script><b>bold</b>\",\"enterprise_role\":\"member\",\"org_roles\":[\"x:Member\"]},"
                    + "{\"login\":\"collab\",\"enterprise_role\":\"outside_collaborator\",\"private_repo_access\":true},"
                    + "{\"login\":\"public-collab\",\"enterprise_role\":\"outside_collaborator\"},"
                    + "{\"login\":\"invited\",\"enterprise_role\":\"member\",\"pending_invites\":[\"x\"]}]")
            .status());
    signInToCloud(slug, ownerToken);
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
    browser.go("cloud/members.xhtml");
    String members = browser.find("members").getText();
    assertTrue(members.contains("<script>document.title='pwned'</script><b>bold</b>"), members);
    assertFalse(browser.driver().getTitle().contains("pwned"));
    assertTrue(
        browser.find("members").findElements(By.tagName("b")).isEmpty(),
        "markup is not interpreted");
    assertNoAlert();
    // counted by the database: the owner and the public-only collaborator consume no seat
    assertEquals("5 members, 3 consuming a Cloud seat.", browser.find("summary").getText());

    // a page that is not there: the nearest one, and the page says so
    browser.go("cloud/members.xhtml?page=7");
    assertEquals(
        "There is no page 7; this is the last page, 1.", browser.find("pageNotice").getText());
    browser.go("cloud/licensing.xhtml?page=abc");
    assertEquals(
        "That is not a page number; this is the first page.", browser.find("pageNotice").getText());
  }

  @Test
  void onlySignedInAdminsAndOwnersReachThePages() {
    browser.go("server/license.xhtml");
    assertTrue(browser.driver().getCurrentUrl().contains("server/sign-in.xhtml"));
    browser.go("cloud/licensing.xhtml");
    assertTrue(browser.driver().getCurrentUrl().contains("cloud/sign-in.xhtml"));
    signInToCloud(slug, "lsc_wrong");
    browser.waitUntil(20, text -> text.contains("does not belong to an owner"));
    String other = createEnterprise(slug + "-b");
    signInToCloud(slug, other);
    browser.waitUntil(20, text -> text.contains("does not belong to an owner"));
  }

  private void assertNoAlert() {
    try {
      browser.driver().switchTo().alert();
      throw new AssertionError("a script ran");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }
}
