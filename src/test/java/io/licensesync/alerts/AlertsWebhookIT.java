package io.licensesync.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.SyncScenario;
import io.licensesync.testing.WebhookReceiver;
import io.licensesync.testing.WebhookReceiver.Mode;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerts webhook end to end, over real HTTP: a Server's failed and overdue syncs reach the
 * configured receiver without anyone opening a page (the due check and the run's end check), signed
 * with HMAC-SHA256 (checked here independently), once per crossing, audited; and a receiver that is
 * down, hung, slow, failing, answering garbage, stalling after its status or redirecting is tried a
 * bounded number of times, each attempt cut at the timeout, recorded on the audit trail without the
 * secret or the URL, and never holds up the sync, the request that raised the alert, or a page.
 * Deliveries in flight are bounded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertsWebhookIT {

  static final String OPERATOR = "it-operator-webhook";
  static final String SECRET = "it-webhook-secret-" + UUID.randomUUID();
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final String RETRY = "io.licensesync.alerts.WebhookSender/send/Retry/";
  static final String GATEWAY = "io.licensesync.server.connect.control.CloudGateway/upload/Retry/";

  static final WebhookReceiver RECEIVER = WebhookReceiver.start();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withMovableClock(
        Deployments.licenseSync(
            Map.ofEntries(
                Map.entry("licensesync.cloud.operator-token", OPERATOR),
                Map.entry("licensesync.server.hostname", "ghe.webhook.example"),
                Map.entry("licensesync.server.license-sync.check-interval", "PT1S"),
                Map.entry("licensesync.alerts.webhook.url", RECEIVER.url()),
                Map.entry("licensesync.alerts.webhook.secret", SECRET),
                Map.entry("licensesync.alerts.webhook.timeout", TIMEOUT.toString()),
                Map.entry("licensesync.alerts.webhook.max-in-flight", "2"),
                Map.entry(RETRY + "delay", "200"),
                Map.entry(RETRY + "jitter", "50"),
                Map.entry(GATEWAY + "delay", "200"),
                Map.entry(GATEWAY + "jitter", "50"))));
  }

  @ArquillianResource URL base;

  private CloudProxy proxy;
  private SyncScenario scenario;

  @AfterEach
  void backToNormal() {
    RECEIVER.mode(Mode.FIRST_REFUSED);
    if (scenario != null) {
      proxy.forwardUploads();
      scenario.disconnect();
      proxy.close();
    }
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.close();
  }

  private void moveDays(int days) {
    assertEquals(
        200, Api.at(base).send("POST", "testing/clock?days=" + days, "text/plain", "").status());
  }

  /** A Server connected through a proxy to a fresh enterprise, after one good sync. */
  private void connectedWithOneGoodSync() {
    scenario = SyncScenario.fresh(base, OPERATOR);
    proxy = CloudProxy.to(URI.create(base.toString()));
    scenario.connectAndEnable(proxy.url());
    assertEquals("success", scenario.syncNowAndWait().get("status").asText());
    assertEquals(0, serverAlerts().size(), serverAlerts().toString());
  }

  private JsonNode serverAlerts() {
    Reply reply = scenario.admin.get("api/v3/admin/alerts");
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private JsonNode serverAudit(String action) {
    return scenario.admin.get("api/v3/admin/audit-events?per_page=100&action=" + action).json();
  }

  /**
   * The Server's audit events of {@code action} whose text mentions alert {@code id}, waited for.
   */
  private String serverAuditOf(String action, long id) {
    return RECEIVER
        .await(() -> serverAudit(action).toString(), text -> text.contains("alert " + id + "\""))
        .toString();
  }

  private JsonNode failedRun() {
    proxy.answerUploads(502, Map.of("Content-Type", "text/plain"), "bad gateway");
    JsonNode run = scenario.waitFor(scenario.syncNow(), Duration.ofSeconds(60));
    assertEquals("failure", run.get("status").asText(), run.toString());
    return run;
  }

  @Test
  void aFailedAndAnOverdueSyncReachTheWebhookSignedOncePerCrossingWithoutAnyoneLooking()
      throws InterruptedException {
    connectedWithOneGoodSync();
    JsonNode run = failedRun();

    // delivered without a read of the alerts: refused once (500), then taken (204)
    List<WebhookReceiver.Request> failed = RECEIVER.awaitBodyContaining("sync_failed", 2);
    assertEquals(500, failed.get(0).answered());
    assertEquals(204, failed.get(1).answered());
    String body = failed.get(1).body();
    assertEquals(failed.get(0).body(), body, "the same delivery retried");
    assertEquals("sha256=" + WebhookReceiver.hmac(SECRET, body), failed.get(1).signature());
    assertTrue(body.contains("\"role\":\"server\""), body);
    assertTrue(
        body.contains("License sync run " + run.get("id").asLong() + " failed"), "names the run");
    JsonNode alerts = serverAlerts();
    assertEquals(1, alerts.size(), alerts.toString());
    long id = alerts.get(0).get("id").asLong();
    assertTrue(body.contains("\"id\":" + id + ","), body);

    String delivered = serverAuditOf("alert.webhook", id);
    assertTrue(delivered.contains("delivered, HTTP 204, 2 attempts, alert " + id), delivered);
    assertTrue(serverAudit("alert.raised").toString().contains("sync_failed"));

    // the due check runs every second: still the one alert and the one delivery
    Thread.sleep(3000);
    assertEquals(2, RECEIVER.bodiesContaining("\"id\":" + id + ",").size());
    assertEquals(id, serverAlerts().get(0).get("id").asLong(), "read again: the same alert");

    // nine days without a success: the due check raises "overdue", with no page opened
    moveDays(9);
    try {
      List<WebhookReceiver.Request> overdue = RECEIVER.awaitBodyContaining("sync_overdue", 2);
      assertEquals(204, overdue.get(1).answered());
      assertEquals(
          "sha256=" + WebhookReceiver.hmac(SECRET, overdue.get(1).body()),
          overdue.get(1).signature());
      assertTrue(overdue.get(1).body().contains("No license sync has succeeded since"));
    } finally {
      moveDays(-9);
    }
    RECEIVER.await(
        () -> serverAlerts().toString(), text -> !text.contains("sync_overdue")); // cleared

    // a success clears the failure; the next failure is a new crossing, delivered again
    proxy.forwardUploads();
    assertEquals("success", scenario.syncNowAndWait().get("status").asText());
    assertEquals(0, serverAlerts().size());
    failedRun();
    long next = RECEIVER.await(() -> serverAlerts(), a -> a.size() == 1).get(0).get("id").asLong();
    assertTrue(next != id);
    RECEIVER.awaitBodyContaining("\"id\":" + next + ",", 2);

    String trail = serverAudit("alert.*").toString();
    assertFalse(trail.contains(SECRET), "no secret on the audit trail");
    assertFalse(trail.contains(RECEIVER.url()), "no webhook URL on the audit trail");
  }

  @Test
  void aHungReceiverHoldsUpNeitherTheRunNorThePagesAndEachAttemptEndsAtTheTimeout() {
    connectedWithOneGoodSync();
    RECEIVER.mode(Mode.HANG);
    int before = RECEIVER.requests().size();
    long started = System.nanoTime();
    failedRun();
    // the failing run took its own retries only: the webhook (4 × 2 s) is not part of it
    JsonNode alerts = serverAlerts();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(1, alerts.size());
    assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "run and read took " + took);
    long id = alerts.get(0).get("id").asLong();
    // the pages answer while the delivery hangs
    long page = System.nanoTime();
    assertEquals(200, scenario.admin.get("api/v3/admin/license-sync").status());
    assertTrue(System.nanoTime() - page < 2_000_000_000L, "a read waited for the webhook");

    String failed = serverAuditOf("alert.webhook", id);
    assertTrue(
        failed.contains("not delivered: no answer within " + TIMEOUT + ", 4 attempts, alert " + id),
        failed);
    Duration all = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        all.compareTo(Duration.ofSeconds(25)) < 0, "four attempts of 2 s and delays took " + all);
    assertEquals(4, RECEIVER.requests().size() - before, "the first attempt and three retries");
  }

  /** An enterprise of 5 seats on this node's Cloud, its owner's API, and its path. */
  private record Enterprise(Api owner, String path) {}

  private Enterprise anEnterprise() {
    String slug = "hook-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        Api.at(base)
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":5,\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@"
                    + slug
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return new Enterprise(
        Api.at(base).withToken(created.json().get("owner_token").asText()),
        "cloud/api/enterprises/" + slug);
  }

  /**
   * Four members (four of five seats: 80 %) in one request, which raises a seat alert; answers the
   * alert's id, checking that the request did not wait for the webhook.
   */
  private long seatsAt80(Enterprise enterprise) {
    StringBuilder members = new StringBuilder("[");
    for (int i = 1; i <= 4; i++) {
      String login = "m" + i;
      members
          .append(i > 1 ? "," : "")
          .append("{\"login\":\"")
          .append(login)
          .append("\",\"emails\":[{\"email\":\"")
          .append(login)
          .append("@")
          .append(enterprise.path().substring(enterprise.path().lastIndexOf('/') + 1))
          .append(
              ".example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}");
    }
    long started = System.nanoTime();
    Reply reply = enterprise.owner().post(enterprise.path() + "/members", members + "]");
    assertEquals(200, reply.status(), reply.toString());
    // a request that waited for a hung receiver would take its four timeouts (8 s and more)
    assertTrue(
        System.nanoTime() - started < TIMEOUT.multipliedBy(3).toNanos(),
        "the request that raised the alert waited for the webhook");
    JsonNode alerts = enterprise.owner().get(enterprise.path() + "/alerts").json();
    assertEquals(1, alerts.size(), alerts.toString());
    assertEquals(80, alerts.get(0).get("level").asInt());
    return alerts.get(0).get("id").asLong();
  }

  /** The enterprise's audit entry of the webhook delivery of alert {@code id}, waited for. */
  private String delivery(Enterprise enterprise, long id) {
    String trail =
        RECEIVER
            .await(
                () ->
                    enterprise
                        .owner()
                        .get(enterprise.path() + "/audit-log?action=alert.webhook")
                        .json()
                        .toString(),
                text -> text.contains("alert " + id + "\""))
            .toString();
    assertFalse(trail.contains(SECRET), trail);
    assertFalse(trail.contains(RECEIVER.url()), trail);
    return trail;
  }

  private int attemptsFor(long id) {
    return RECEIVER.bodiesContaining("\"id\":" + id + ",").size();
  }

  @Test
  void aReceiverThatIsDownFailingOrAnsweringGarbageIsTriedFourTimesAndRecordedAsNotDelivered() {
    Map<Mode, String> expected =
        Map.of(
            Mode.DOWN, "not delivered: could not connect (ConnectException), 4 attempts",
            Mode.FAIL, "not delivered: HTTP 503, 4 attempts",
            Mode.GARBAGE, "not delivered: no HTTP answer (",
            Mode.REDIRECT, "not delivered: HTTP 302, 4 attempts");
    for (Map.Entry<Mode, String> mode : expected.entrySet()) {
      RECEIVER.mode(mode.getKey());
      Enterprise enterprise = anEnterprise();
      long id = seatsAt80(enterprise);
      String trail = delivery(enterprise, id);
      assertTrue(trail.contains(mode.getValue()), mode.getKey() + ": " + trail);
      assertTrue(trail.contains("4 attempts, alert " + id), mode.getKey() + ": " + trail);
      assertEquals(
          mode.getKey() == Mode.DOWN ? 0 : 4, attemptsFor(id), mode.getKey() + " attempts seen");
    }
  }

  @Test
  void aSlowReceiverWithinTheTimeoutAndOneThatStallsAfterItsStatusHaveTheAlert() {
    RECEIVER.mode(Mode.SLOW).slowMillis(TIMEOUT.toMillis() / 2);
    Enterprise slow = anEnterprise();
    long id = seatsAt80(slow);
    assertTrue(delivery(slow, id).contains("delivered, HTTP 204, 1 attempt, alert " + id));

    RECEIVER.mode(Mode.STATUS_THEN_STALL);
    Enterprise stalling = anEnterprise();
    long stalled = seatsAt80(stalling);
    long started = System.nanoTime();
    assertTrue(
        delivery(stalling, stalled).contains("delivered, HTTP 200, 1 attempt, alert " + stalled));
    assertTrue(
        System.nanoTime() - started < TIMEOUT.multipliedBy(2).toNanos(),
        "the delivery waited for a body that never came");
    assertEquals(1, attemptsFor(stalled));
  }

  @Test
  void deliveriesInFlightAreBoundedAndAnAlertBeyondTheBoundIsRecordedAtOnce() {
    RECEIVER.mode(Mode.HANG);
    Enterprise first = anEnterprise();
    Enterprise second = anEnterprise();
    Enterprise third = anEnterprise();
    int before = RECEIVER.requests().size();
    long one = seatsAt80(first);
    long two = seatsAt80(second);
    RECEIVER.await(() -> RECEIVER.requests().size(), n -> n >= before + 2); // both under way
    long three = seatsAt80(third);
    String refused = delivery(third, three);
    assertTrue(refused.contains("not delivered: 2 deliveries already in flight"), refused);
    assertTrue(refused.contains("0 attempts, alert " + three), refused);
    assertEquals(0, attemptsFor(three));
    // the two in flight end at their timeouts, then the webhook takes alerts again
    assertTrue(delivery(first, one).contains("not delivered: no answer within"));
    assertTrue(delivery(second, two).contains("not delivered: no answer within"));
    RECEIVER.mode(Mode.ACCEPT);
    Enterprise after = anEnterprise();
    long four = seatsAt80(after);
    assertTrue(delivery(after, four).contains("delivered, HTTP 204, 1 attempt, alert " + four));
  }
}
