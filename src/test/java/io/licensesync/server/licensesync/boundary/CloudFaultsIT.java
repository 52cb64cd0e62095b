package io.licensesync.server.licensesync.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.SyncScenario;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Cloud that goes wrong in each way a real one can, between a real Server and a real Cloud role
 * (a proxy in front of it): hung, failing then recovering, redirecting, answering HTML or broken
 * JSON, dying mid-answer. Each run ends, within a bounded time, with exactly one honest outcome,
 * its error says what happened, and the Cloud holds the last good usage whole.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudFaultsIT {

  static final String OPERATOR = "it-operator-faults";
  static final String GATEWAY = "io.licensesync.server.connect.control.CloudGateway/upload/Retry/";

  /** The deadline of one call in this test; a hung Cloud fails a run in 4 × this + delays. */
  static final Duration DEADLINE = Duration.ofSeconds(4);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.hostname",
            "ghe.faults.example",
            "licensesync.server.cloud.deadline",
            DEADLINE.toString(),
            GATEWAY + "delay",
            "300",
            GATEWAY + "jitter",
            "100"));
  }

  @ArquillianResource URL base;

  private SyncScenario scenario;
  private CloudProxy proxy;
  private Set<String> goodUsage;

  @BeforeEach
  void connectedThroughAProxyWithOneGoodSync() {
    scenario = SyncScenario.fresh(base, OPERATOR);
    proxy = CloudProxy.to(URI.create(base.toString()));
    scenario.connectAndEnable(proxy.url());
    JsonNode first = scenario.syncNowAndWait();
    assertEquals("success", first.get("status").asText(), first.toString());
    goodUsage = scenario.cloudServerIds();
    assertFalse(goodUsage.isEmpty());
  }

  @AfterEach
  void disconnect() {
    proxy.forwardUploads();
    scenario.disconnect();
    proxy.close();
  }

  /**
   * Sync now through the faulty Cloud: the run's end, checked to have come within {@code atMost}.
   */
  private JsonNode failedRun(Duration atMost) {
    long started = System.nanoTime();
    JsonNode run = scenario.waitFor(scenario.syncNow(), atMost.plusSeconds(30));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(atMost) < 0, "the run ended after " + took + ": " + run);
    assertEquals("failure", run.get("status").asText(), run.toString());
    assertEquals(goodUsage, scenario.cloudServerIds(), "the Cloud still holds the last good usage");
    return run;
  }

  @Test
  void aCloudThatTakesTheUploadAndNeverAnswersFailsTheRunAtTheDeadline() {
    proxy.hangUploads();
    // four attempts (the first and three retries), each cut at the deadline, and the delays between
    JsonNode run = failedRun(DEADLINE.multipliedBy(4).plusSeconds(10));
    assertTrue(run.get("error").asText().startsWith("timed out"), run.toString());
    assertTrue(run.get("error").asText().contains(DEADLINE.toString()), run.toString());
    assertEquals(4, proxy.uploadsSeen() - 1, "the first good sync, then four attempts");
  }

  @Test
  void aCloudFailingTwiceWith503ThenRecoveringGetsTheUsageOnTheThirdAttempt() {
    proxy.failNextUploads(2, 503);
    JsonNode run = scenario.syncNowAndWait();
    assertEquals("success", run.get("status").asText(), run.toString());
    assertEquals(1 + 3, proxy.uploadsSeen(), "the first sync, two 503s, then the good one");
  }

  @Test
  void aCloudBusyApplyingAnotherUploadOfTheInstanceIsAskedAgain() {
    proxy.failNextUploads(1, 409);
    JsonNode run = scenario.syncNowAndWait();
    assertEquals("success", run.get("status").asText(), run.toString());
    assertEquals(1 + 2, proxy.uploadsSeen(), "the first sync, a 409 being applied, the good one");
  }

  @Test
  void aRedirectIsAFailureThatNamesWhereItPointedAndIsNotRetried() {
    proxy.answerUploads(
        302, Map.of("Location", "http://login.example/sso?token=secret123456789012345"), "");
    JsonNode run = failedRun(Duration.ofSeconds(20));
    String error = run.get("error").asText();
    assertTrue(error.startsWith("the Cloud redirected to http://login.example/sso"), error);
    assertFalse(error.contains("secret"), error);
    assertEquals(
        2, proxy.uploadsSeen(), "the first sync and one attempt: a redirect is not retried");
  }

  @Test
  void aFailedRunRaisesOneAlertUntilARunSucceeds() {
    proxy.answerUploads(502, Map.of("Content-Type", "text/plain"), "bad gateway");
    JsonNode run = scenario.waitFor(scenario.syncNow(), Duration.ofSeconds(60));
    assertEquals("failure", run.get("status").asText(), run.toString());
    JsonNode alerts = scenario.admin.get("api/v3/admin/alerts").json();
    assertEquals(1, alerts.size(), alerts.toString());
    assertEquals("sync_failed", alerts.get(0).get("kind").asText());
    assertTrue(
        alerts
            .get(0)
            .get("message")
            .asText()
            .startsWith("License sync run " + run.get("id").asLong() + " failed"),
        alerts.toString());
    assertEquals(
        alerts.get(0).get("id"),
        scenario.admin.get("api/v3/admin/alerts").json().get(0).get("id"),
        "read again: the same alert, fired once");
    JsonNode raised = scenario.admin.get("api/v3/admin/audit-events?action=alert.raised").json();
    assertTrue(raised.toString().contains("sync_failed"), raised.toString());
    assertEquals(401, scenario.anonymous.get("api/v3/admin/alerts").status());
    assertEquals(
        401,
        scenario.owner.get("api/v3/admin/alerts").status(),
        "a Cloud owner's token is no credential of this Server");

    proxy.forwardUploads();
    assertEquals("success", scenario.syncNowAndWait().get("status").asText());
    assertEquals(
        0, scenario.admin.get("api/v3/admin/alerts").json().size(), "cleared by a success");
  }

  @Test
  void anHtmlPageWith200IsAFailureSayingWhatCame() {
    proxy.answerUploads(
        200,
        Map.of("Content-Type", "text/html"),
        "<!DOCTYPE html><html><body>Sign in</body></html>");
    JsonNode run = failedRun(Duration.ofSeconds(20));
    String error = run.get("error").asText();
    assertTrue(error.contains("HTTP 200 (text/html"), error);
    assertTrue(error.contains("<!DOCTYPE html>"), error);
    assertEquals(2, proxy.uploadsSeen(), "not retried: retrying cannot help");
  }

  @Test
  void brokenJsonWith200IsAFailureNotASuccess() {
    proxy.answerUploads(200, Map.of("Content-Type", "application/json"), "{\"upload_id\":");
    JsonNode run = failedRun(Duration.ofSeconds(20));
    assertTrue(run.get("error").asText().contains("not the JSON object expected"), run.toString());
  }

  @Test
  void anAnswerCutOffInTransitIsRetriedThenReportedAsCutOff() {
    proxy.cutOffUploadAnswers("{\"upload_id\":\"");
    JsonNode run = failedRun(Duration.ofSeconds(30));
    String error = run.get("error").asText();
    assertTrue(error.contains("cut off") || error.startsWith("unreachable"), error);
    assertEquals(1 + 4, proxy.uploadsSeen(), "worth retrying: the first sync, then four attempts");
  }
}
