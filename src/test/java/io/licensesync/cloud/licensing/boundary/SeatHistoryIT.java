package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.UsageDocs;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seat history over HTTP with a clock the test moves: each day's seats as matching recorded
 * them, days without a change carrying the last values, per instance, as JSON and CSV; old days
 * forgotten after the configured time; bad ranges refused; owners only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SeatHistoryIT {

  static final String OPERATOR = "it-operator-seat-history";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withMovableClock(
        Deployments.licenseSync(
            Map.of(
                "licensesync.cloud.operator-token",
                OPERATOR,
                "licensesync.cloud.seat-history.keep-days",
                "30")));
  }

  @ArquillianResource URL base;

  private LocalDate moveDays(int days) {
    Reply moved = Api.at(base).send("POST", "testing/clock?days=" + days, "text/plain", "");
    assertEquals(200, moved.status(), moved.toString());
    return LocalDate.parse(moved.body().strip());
  }

  private static String member(String login, String email) {
    return "{\"login\":\""
        + login
        + "\",\"emails\":[{\"email\":\""
        + email
        + "\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}";
  }

  @Test
  void eachDaysSeatsAreKeptCarriedOverQuietDaysAndForgottenAfterTheirTime() {
    Api anonymous = Api.at(base);
    String slug = "history-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":3,\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@acme.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    Api owner = anonymous.withToken(created.json().get("owner_token").asText());
    String path = "cloud/api/enterprises/" + slug;
    LocalDate day0 = moveDays(0);
    assertEquals(
        200,
        owner.post(path + "/members", "[" + member("mona", "mona@acme.example") + "]").status());

    LocalDate day1 = moveDays(1);
    String serverId = UUID.randomUUID().toString();
    Reply connected =
        owner.post(
            path + "/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.history.example\",\"version\":\"3.17.0\"}");
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
                    "ghe.history.example",
                    Instant.now(),
                    List.of(
                        UsageDocs.account(1, "mona@acme.example"),
                        UsageDocs.account(2, "octo@acme.example"))));
    assertTrue(uploaded.status() / 100 == 2, uploaded.toString());

    LocalDate day4 = moveDays(3);
    assertEquals(
        200,
        owner
            .post(
                path + "/members",
                "["
                    + member("ada", "ada@acme.example")
                    + ","
                    + member("lin", "lin@acme.example")
                    + "]")
            .status());

    JsonNode history =
        owner.get(path + "/seat-history?from=" + day0.minusDays(1) + "&to=" + day4).json();
    List<String> dates = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    history
        .get("days")
        .forEach(
            d -> {
              dates.add(d.get("date").asText());
              totals.add(d.get("total").asInt());
            });
    assertEquals(
        List.of(
            day0.toString(),
            day1.toString(),
            day1.plusDays(1).toString(),
            day1.plusDays(2).toString(),
            day4.toString()),
        dates,
        "every day from the first record, none before it");
    assertEquals(List.of(1, 2, 2, 2, 4), totals, "quiet days carry the last values");
    JsonNode onDay2 = history.get("days").get(2);
    assertEquals(3, onDay2.get("purchased").asInt());
    assertEquals(1, onDay2.get("both").asInt());
    assertEquals(1, onDay2.get("server_only").asInt());
    assertEquals("ghe.history.example", onDay2.get("instances").get(0).get("hostname").asText());
    assertEquals(2, onDay2.get("instances").get(0).get("people").asInt());

    JsonNode byDefault = owner.get(path + "/seat-history").json();
    assertEquals(day4.toString(), byDefault.get("to").asText(), "to defaults to today");
    assertEquals(5, byDefault.get("days").size());

    Reply csv = owner.send("GET", path + "/seat-history", null, null, "text/csv", false);
    assertEquals(200, csv.status(), csv.toString());
    String[] lines = csv.body().split("\r\n");
    assertEquals("date,total,cloud_only,server_only,both,purchased", lines[0]);
    assertEquals(day4 + ",4,2,1,1,3", lines[lines.length - 1]);

    // 40 days later, with keep-days 30, a change forgets the old days
    LocalDate later = moveDays(40);
    assertEquals(
        200, owner.post(path + "/members", "[" + member("zed", "zed@acme.example") + "]").status());
    JsonNode kept = owner.get(path + "/seat-history?from=" + day0 + "&to=" + later).json();
    assertEquals(1, kept.get("days").size(), kept.toString());
    assertEquals(later.toString(), kept.get("days").get(0).get("date").asText());
    assertEquals(5, kept.get("days").get(0).get("total").asInt());

    // bad ranges, and anyone but an owner
    for (String query :
        List.of(
            "from=2026-13-01",
            "to=yesterday",
            "from=" + later + "&to=" + day0,
            "from=2000-01-01&to=2030-01-01")) {
      Reply refused = owner.get(path + "/seat-history?" + query);
      assertEquals(422, refused.status(), query + ": " + refused);
      assertTrue(refused.json().has("documentation_url"));
    }
    assertEquals(401, anonymous.get(path + "/seat-history").status());
    assertEquals(
        404,
        anonymous
            .withToken(connected.json().get("credential").asText())
            .get(path + "/seat-history")
            .status());
    assertEquals(404, anonymous.withToken(OPERATOR).get(path + "/seat-history").status());
  }

  private static Reply upload(
      Api anonymous,
      String credential,
      String slug,
      String serverId,
      List<String> emails,
      int... ids) {
    String uploadId = UUID.randomUUID().toString();
    List<io.licensesync.wire.LicenseUsageDocument.Account> accounts = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      accounts.add(UsageDocs.account(ids[i], emails.get(i)));
    }
    return anonymous
        .withToken(credential)
        .send(
            "PUT",
            UsageDocs.uploadPath(slug, serverId, uploadId),
            "application/json",
            UsageDocs.document(uploadId, serverId, "ghe.changes.example", Instant.now(), accounts));
  }

  @Test
  void eachAppliedUploadKeepsWhatItChangedOnItsInstance() {
    Api anonymous = Api.at(base);
    String slug = "uploads-" + UUID.randomUUID().toString().substring(0, 8);
    Api owner =
        anonymous.withToken(
            io.licensesync.testing.SyncScenario.createEnterprise(anonymous, OPERATOR, slug));
    String path = "cloud/api/enterprises/" + slug;
    assertEquals(
        200,
        owner
            .post(
                path + "/members",
                "["
                    + member("mona", "mona@acme.example")
                    + ","
                    + member("ada", "ada@acme.example")
                    + "]")
            .status());
    String serverId = UUID.randomUUID().toString();
    Reply connected =
        owner.post(
            path + "/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.changes.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, connected.status(), connected.toString());
    String credential = connected.json().get("credential").asText();
    assertEquals(0, owner.get(path + "/upload-changes").json().size(), "nothing applied yet");

    // first: mona matched by her verified email, three accounts on their own
    Reply first =
        upload(
            anonymous,
            credential,
            slug,
            serverId,
            List.of(
                "mona@acme.example",
                "octo@acme.example",
                "ada-old@acme.example",
                "gone@acme.example"),
            1,
            2,
            3,
            4);
    assertTrue(first.status() / 100 == 2, first.toString());
    // then: mona's account has another address (no longer matched), ada's now matches her, 4 left
    // the instance and 5 arrived
    Reply second =
        upload(
            anonymous,
            credential,
            slug,
            serverId,
            List.of(
                "mona@elsewhere.example",
                "octo@acme.example",
                "ada@acme.example",
                "new@acme.example"),
            1,
            2,
            3,
            5);
    assertTrue(second.status() / 100 == 2, second.toString());

    JsonNode changes = owner.get(path + "/upload-changes").json();
    assertEquals(2, changes.size(), changes.toString());
    JsonNode latest = changes.get(0);
    assertEquals(serverId, latest.get("server_id").asText());
    assertEquals("ghe.changes.example", latest.get("hostname").asText());
    assertEquals("automatic", latest.get("via").asText());
    assertEquals(4, latest.get("accounts").asInt());
    assertTrue(latest.get("compared").asBoolean(), latest.toString());
    assertEquals(1, latest.get("newly_consuming").asInt(), "account 5: " + latest);
    assertEquals(1, latest.get("no_longer_consuming").asInt(), "account 4: " + latest);
    assertEquals(1, latest.get("newly_matched").asInt(), "ada's account: " + latest);
    assertEquals(1, latest.get("unmatched").asInt(), "mona's account: " + latest);
    JsonNode earliest = changes.get(1);
    assertTrue(!earliest.get("compared").asBoolean(), "the first upload has nothing before it");
    assertEquals(4, earliest.get("newly_consuming").asInt(), earliest.toString());
    assertEquals(1, earliest.get("newly_matched").asInt(), "mona's account: " + earliest);
    assertEquals(0, earliest.get("no_longer_consuming").asInt(), earliest.toString());

    // one instance's, one at a time; unknown and malformed instances and pages refused
    assertEquals(
        latest.get("id").asLong(),
        owner
            .get(path + "/upload-changes?server_id=" + serverId + "&per_page=1")
            .json()
            .get(0)
            .get("id")
            .asLong());
    assertEquals(404, owner.get(path + "/upload-changes?server_id=" + UUID.randomUUID()).status());
    assertEquals(422, owner.get(path + "/upload-changes?server_id=" + "x".repeat(65)).status());
    assertEquals(422, owner.get(path + "/upload-changes?per_page=x").status());
    assertEquals(422, owner.get(path + "/upload-changes?page=0").status());
    // the instance itself does not read the enterprise's changes
    assertEquals(404, anonymous.withToken(credential).get(path + "/upload-changes").status());
  }
}
