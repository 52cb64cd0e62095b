package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.UsageDocs;
import io.licensesync.testing.WebhookReceiver;
import java.net.URL;
import java.time.Instant;
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
 * The Cloud's alerts over HTTP, with a clock the test moves: seats crossing 80 and 100 % of
 * purchased raise one alert per crossing (not one per change), dropping keeps or clears it; an
 * instance that has not synced for longer than its interval plus grace, and one whose last upload
 * failed, raise theirs until they sync; owners only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudAlertsIT {

  static final String OPERATOR = "it-operator-alerts";

  static final String WEBHOOK_SECRET = "it-webhook-secret";

  /** The webhook's receiver: refuses each body the first time (500), takes it the second (204). */
  static final WebhookReceiver RECEIVER = WebhookReceiver.start();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withMovableClock(
        Deployments.licenseSync(
            Map.of(
                "licensesync.cloud.operator-token",
                OPERATOR,
                "licensesync.alerts.webhook.url",
                RECEIVER.url(),
                "licensesync.alerts.webhook.secret",
                WEBHOOK_SECRET)));
  }

  @ArquillianResource URL base;

  private Api owner;
  private String path;

  private void moveDays(int days) {
    assertEquals(
        200, Api.at(base).send("POST", "testing/clock?days=" + days, "text/plain", "").status());
  }

  private static String member(String login) {
    return "{\"login\":\""
        + login
        + "\",\"emails\":[{\"email\":\""
        + login
        + "@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}";
  }

  private void provision(String... logins) {
    List<String> members = new ArrayList<>();
    for (String login : logins) {
      members.add(member(login));
    }
    Reply reply = owner.post(path + "/members", "[" + String.join(",", members) + "]");
    assertEquals(200, reply.status(), reply.toString());
  }

  private JsonNode alerts() {
    Reply reply = owner.get(path + "/alerts");
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private JsonNode only(String kind) {
    List<JsonNode> found = new ArrayList<>();
    alerts()
        .forEach(
            a -> {
              if (a.get("kind").asText().equals(kind)) {
                found.add(a);
              }
            });
    assertTrue(found.size() <= 1, found.toString());
    return found.isEmpty() ? null : found.get(0);
  }

  private Api anEnterprise(int seats) {
    Api anonymous = Api.at(base);
    String slug = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":"
                    + seats
                    + ",\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@acme.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    path = "cloud/api/enterprises/" + slug;
    owner = anonymous.withToken(created.json().get("owner_token").asText());
    return anonymous;
  }

  @Test
  void seatsRaiseOneAlertPerCrossingAndClearItWhenTheyDrop() {
    anEnterprise(5);
    provision("a1", "a2", "a3");
    assertEquals(0, alerts().size(), "60 % is below every threshold");
    provision("a4");
    JsonNode at80 = only("seats");
    assertEquals(80, at80.get("level").asInt());
    assertTrue(at80.get("message").asText().contains("4 of 5"), at80.toString());
    provision("a4", "a1"); // nothing changed: no new alert
    assertEquals(at80.get("id"), only("seats").get("id"));
    provision("a5");
    JsonNode at100 = only("seats");
    assertEquals(100, at100.get("level").asInt());
    assertNotEquals(at80.get("id"), at100.get("id"), "crossing 100 % fires again");
    assertEquals(204, owner.delete(path + "/members/a5").status());
    JsonNode back = only("seats");
    assertEquals(at100.get("id"), back.get("id"), "dropping is no new crossing");
    assertEquals(80, back.get("level").asInt());
    assertEquals(204, owner.delete(path + "/members/a4").status());
    assertEquals(null, only("seats"), "below 80 %: cleared");
    JsonNode raised = owner.get(path + "/audit-log?action=alert.raised").json();
    assertEquals(2, raised.size(), "80 % and 100 %, each once: " + raised);

    // the webhook got each alert once refused, then delivered, signed with the shared secret
    List<WebhookReceiver.Request> first =
        RECEIVER.awaitBodyContaining("\"id\":" + at80.get("id").asLong() + ",", 2);
    assertEquals(500, first.get(0).answered());
    assertEquals(204, first.get(1).answered());
    assertEquals(first.get(0).body(), first.get(1).body(), "the same delivery retried");
    assertEquals(
        "sha256=" + WebhookReceiver.hmac(WEBHOOK_SECRET, first.get(1).body()),
        first.get(1).signature());
    assertTrue(first.get(1).body().contains("\"kind\":\"seats\""), first.get(1).body());
    assertTrue(first.get(1).body().contains("\"level\":80"), first.get(1).body());
    JsonNode webhook =
        RECEIVER.await(
            () -> owner.get(path + "/audit-log?action=alert.webhook").json(), j -> j.size() >= 2);
    assertTrue(
        webhook
            .toString()
            .contains("delivered, HTTP 204, 2 attempts, alert " + at80.get("id").asLong()),
        webhook.toString());
  }

  @Test
  void anInstanceOverdueOrFailingRaisesItsAlertUntilItSyncsAgain() {
    Api anonymous = anEnterprise(50);
    String serverId = UUID.randomUUID().toString();
    Reply connected =
        owner.post(
            path + "/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.alerts.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, connected.status(), connected.toString());
    Api instance = anonymous.withToken(connected.json().get("credential").asText());
    assertEquals(null, only("instance_overdue"));

    moveDays(9);
    try {
      JsonNode overdue = only("instance_overdue");
      assertEquals(serverId, overdue.get("subject").asText());
      assertTrue(overdue.get("message").asText().contains("ghe.alerts.example has never synced"));
      assertEquals(overdue.get("id"), only("instance_overdue").get("id"), "read twice, fired once");
    } finally {
      moveDays(-9);
    }
    String uploadId = UUID.randomUUID().toString();
    Reply bad =
        instance.send(
            "PUT",
            UsageDocs.uploadPath(path.substring(path.lastIndexOf('/') + 1), serverId, uploadId),
            "application/json",
            "{\"not\":\"usage\"}");
    assertEquals(422, bad.status(), bad.toString());
    JsonNode failing = only("instance_failing");
    assertTrue(
        failing.get("message").asText().startsWith("The last upload of ghe.alerts.example failed"));

    uploadId = UUID.randomUUID().toString();
    Reply good =
        instance.send(
            "PUT",
            UsageDocs.uploadPath(path.substring(path.lastIndexOf('/') + 1), serverId, uploadId),
            "application/json",
            UsageDocs.document(
                uploadId,
                serverId,
                "ghe.alerts.example",
                Instant.now(),
                List.of(UsageDocs.account(1, "x@acme.example"))));
    assertTrue(good.status() / 100 == 2, good.toString());
    assertEquals(null, only("instance_failing"));
    assertEquals(null, only("instance_overdue"));

    assertEquals(401, anonymous.get(path + "/alerts").status());
    assertEquals(404, instance.get(path + "/alerts").status());
    assertEquals(404, anonymous.withToken(OPERATOR).get(path + "/alerts").status());
  }
}
