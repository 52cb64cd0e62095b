package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.UsageDocs;
import java.net.URL;
import java.time.Instant;
import java.util.List;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The "People and seats" page in Chromium: an owner sees where people count, finds the person
 * counted twice on the worklist, links them in two steps (the link alone changes nothing), sees the
 * seat count drop and the person explained, removes the link again; filters the people; bad filters
 * show a message next to the field; the page fits a phone's width; without a session it is not
 * shown.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SeatsPageIT {

  static final String OPERATOR = "it-operator-seats-page";

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api owner;
  private String slug;
  private String token;
  private String serverId;

  @BeforeEach
  void anEnterpriseWithAPersonCountedTwice() {
    Api anonymous = Api.at(base);
    slug = "seats-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":5,\"verified_domains\":[\"acme.example\"],"
                    + "\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@acme.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    token = created.json().get("owner_token").asText();
    owner = anonymous.withToken(token);
    assertEquals(
        200,
        owner
            .post(
                path("/members"),
                "[{\"login\":\"mona\",\"name\":\"Mona Lisa\",\"emails\":[{\"email\":\"mona@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
                    + "{\"login\":\"hubot\",\"emails\":[{\"email\":\"hubot@acme.example\",\"verified\":false}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]")
            .status());
    serverId = UUID.randomUUID().toString();
    Reply connected =
        owner.post(
            path("/server-instances"),
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.seats.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, connected.status(), connected.toString());
    String uploadId = UUID.randomUUID().toString();
    Reply uploaded =
        anonymous
            .withToken(connected.json().get("credential").asText())
            .send(
                "PUT",
                UsageDocs.uploadPath(slug, serverId, uploadId),
                "application/json",
                UsageDocs.document(
                    uploadId,
                    serverId,
                    "ghe.seats.example",
                    Instant.now(),
                    List.of(
                        UsageDocs.account(1, "mona@acme.example"),
                        UsageDocs.account(2, "hubot@acme.example"),
                        UsageDocs.account(3, "octo@acme.example"))));
    assertTrue(uploaded.status() / 100 == 2, uploaded.toString());
    browser.open(base);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private String path(String rest) {
    return "cloud/api/enterprises/" + slug + rest;
  }

  private int seats() {
    return owner.get(path("/consumed-licenses")).json().get("total_seats_consumed").asInt();
  }

  private void signIn() {
    browser.go("cloud/sign-in.xhtml").type("enterprise", slug).type("token", token).click("submit");
    browser.waitUntil(30, text -> text.contains("Enterprise licensing"));
  }

  @Test
  void anOwnerLinksThePersonCountedTwiceInTwoStepsAndUndoesIt() {
    signIn();
    browser.go("cloud/seats.xhtml");
    assertEquals(4, seats());
    String split = browser.find("split").getText();
    assertTrue(split.contains("4 seats consumed of 5"), split);
    assertEquals("1", browser.find("cloudOnly").getText(), "hubot");
    assertEquals("2", browser.find("serverOnly").getText(), "hubot@ and octo@");
    assertEquals("1", browser.find("both").getText(), "mona");
    assertTrue(browser.find("instanceSplit").getText().contains("ghe.seats.example"));
    assertTrue(
        browser
            .find("alerts")
            .getText()
            .contains("Seats consumed reached 80 % of purchased: 4 of 5"),
        "the alert banner");

    String worklist = browser.find("duplicates").getText();
    assertTrue(worklist.contains("ghe.seats.example:2") && worklist.contains("hubot"), worklist);
    assertTrue(worklist.contains("has not verified it"), worklist);

    browser.click("duplicates:0:link");
    browser.waitUntil(20, text -> text.contains("Confirm"));
    assertTrue(browser.find("proposal").getText().contains("Link account 2"));
    assertEquals(4, seats(), "showing the proposal changes nothing");
    assertEquals(0, owner.get(path("/links")).json().size());

    browser.click("confirmButton");
    browser.waitUntil(20, text -> text.contains("Seats consumed: 4 → 3"));
    assertEquals(3, seats());
    assertTrue(browser.find("decisions").getText().contains("is linked to hubot (by boss)"));
    assertTrue(browser.text().contains("No Server account looks like a member counted apart."));

    // the person explained: where they count, how the account joined them, why
    browser.go("cloud/seats.xhtml?q=hubot");
    browser.driver().findElement(org.openqa.selenium.By.cssSelector("a.person")).click();
    browser.waitUntil(20, text -> text.contains("Why hubot counts"));
    assertEquals("Linked by an owner", browser.find("personMatchedBy").getText());
    assertEquals("Cloud and Server", browser.find("personWhere").getText());
    String reasons = browser.find("personReasons").getText();
    assertTrue(reasons.contains("Cloud: organization acme (Member)"), reasons);
    assertTrue(reasons.contains("Server: account 2 on ghe.seats.example"), reasons);
    assertTrue(browser.find("comparedEmails").getText().contains("unverified"));
    assertFalse(browser.find("personSince").getText().equals("—"), "since when they count");
    String changes = browser.find("changes").getText();
    assertTrue(changes.contains("link of account 2 and member hubot by boss"), changes);
    assertTrue(changes.contains("4 → 3"), changes);
    assertTrue(browser.find("seatChart").isDisplayed(), "the seat history chart");
    String uploads = browser.find("uploads").getText();
    assertTrue(
        uploads.contains("ghe.seats.example") && uploads.contains("3 (first upload)"),
        "what the upload changed on its instance: " + uploads);

    browser.go("cloud/seats.xhtml");
    browser.driver().findElement(org.openqa.selenium.By.linkText("Remove…")).click();
    browser.waitUntil(20, text -> text.contains("Remove the link of account 2"));
    browser.click("confirmButton");
    browser.waitUntil(20, text -> text.contains("Seats consumed: 3 → 4"));
    assertEquals(4, seats());
    assertEquals(0, owner.get(path("/links")).json().size());
  }

  @Test
  void peopleAreFilteredAndABadFilterIsShownNextToItsField() {
    signIn();
    browser.go("cloud/seats.xhtml?source=server");
    assertEquals("2 people.", browser.find("peopleCount").getText());
    String rows = browser.find("people").getText();
    assertTrue(rows.contains("octo@acme.example") && rows.contains("Server only"), rows);
    assertFalse(rows.contains("Mona Lisa"), rows);

    browser.select("filter:source", "Anywhere").type("filter:q", "MONA").click("filterButton");
    browser.waitUntil(20, text -> text.contains("1 people."));
    assertTrue(browser.find("people").getText().contains("Mona Lisa"));

    browser.go("cloud/seats.xhtml?source=moon&q=" + "x".repeat(400));
    assertTrue(browser.find("sourceError").getText().contains("Choose"));
    assertTrue(browser.find("queryError").getText().contains("longer than"));
    assertEquals("4 people.", browser.find("peopleCount").getText(), "the filters are dropped");

    // an address that asks to decide only proposes; a made-up one is refused
    browser.go("cloud/seats.xhtml?decide=link&server=" + serverId + "&user=99&member=nobody");
    browser.click("confirmButton");
    browser.waitUntil(20, text -> text.contains("no account with this user_id"));
    assertEquals(4, seats());
    browser.go("cloud/seats.xhtml?undo=123456");
    assertTrue(browser.text().contains("does not exist"));
  }

  @Test
  void thePageFitsAPhoneAndIsNotShownWithoutASession() {
    browser.go("cloud/seats.xhtml");
    assertTrue(browser.driver().getCurrentUrl().contains("cloud/sign-in.xhtml"));
    assertFalse(browser.text().contains("Likely duplicates"));

    browser.driver().manage().window().setSize(new Dimension(390, 844));
    signIn();
    browser.go("cloud/seats.xhtml");
    Object overflow =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
    assertTrue(((Number) overflow).longValue() <= 1, "the page is wider than a phone: " + overflow);
  }
}
