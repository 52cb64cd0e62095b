package io.licensesync.server.licensesync.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.ServerUsers;
import io.licensesync.testing.SyncScenario;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * The Server role connecting to a Cloud role and syncing license usage, both reached over real HTTP
 * (one deployment plays both roles; the Server is given the Cloud's URL like any other): connect,
 * enable with each refusal, Sync now, suspend and sync again, disconnect, and the Cloud unreachable
 * or failing then recovering.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LicenseSyncIT {

  static final String OPERATOR = "it-operator-sync";
  static final String GATEWAY = "io.licensesync.server.connect.control.CloudGateway/upload/Retry/";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.hostname",
            "ghe.sync.example",
            "licensesync.server.license-sync.check-interval",
            "PT1S",
            GATEWAY + "delay",
            "300",
            GATEWAY + "jitter",
            "100"));
  }

  @ArquillianResource URL base;

  private SyncScenario scenario;
  private Api anonymous;
  private Api admin;
  private String slug;
  private String ownerToken;
  private Api owner;

  @BeforeEach
  void freshEnterpriseAndNoConnection() {
    scenario = SyncScenario.fresh(base, OPERATOR);
    anonymous = scenario.anonymous;
    admin = scenario.admin;
    slug = scenario.slug;
    ownerToken = scenario.ownerToken;
    owner = scenario.owner;
  }

  private String createEnterprise(String slug) {
    return scenario.newEnterprise(slug);
  }

  private Reply connect(String cloudUrl) {
    return scenario.connect(cloudUrl);
  }

  private Reply enable(Api as, String cloudToken) {
    return as.put(
        "api/v3/admin/license-sync",
        "{\"setting\":\"Enabled\""
            + (cloudToken == null ? "" : ",\"cloud_token\":\"" + cloudToken + "\"")
            + "}");
  }

  private JsonNode syncNowAndWait() {
    return scenario.syncNowAndWait();
  }

  private JsonNode waitFor(String runPath) {
    return scenario.waitFor(runPath, Duration.ofMinutes(2));
  }

  private Set<String> serverConsumingIds() {
    Set<String> ids = new HashSet<>();
    long since = 0;
    while (true) {
      JsonNode page = admin.get("api/v3/users?per_page=100&since=" + since).json();
      for (JsonNode user : page) {
        if (user.get("consumes_license").asBoolean()) {
          ids.add("ghe.sync.example:" + user.get("id").asLong());
        }
        since = user.get("id").asLong();
      }
      if (page.size() < 100) {
        return ids;
      }
    }
  }

  private Set<String> cloudServerIds() {
    return scenario.cloudServerIds();
  }

  private JsonNode cloudStatus() {
    return scenario.cloudStatus();
  }

  private String newActiveUser() {
    String login = Deployments.uniqueLogin("synced");
    assertEquals(
        201,
        admin
            .post(
                "api/v3/admin/users",
                "{\"login\":\"" + login + "\",\"email\":\"" + login + "@sync.example\"}")
            .status());
    ServerUsers.activeNow(admin, login);
    return login;
  }

  @Test
  @Tag("smoke")
  void connectingShowsTheConnectionButNeverTheCredential() {
    Reply connected = connect(base.toString());
    assertEquals(201, connected.status(), connected.toString());
    JsonNode connection = admin.get("api/v3/admin/github-connect").json();
    assertEquals(slug, connection.get("enterprise").asText());
    assertEquals(ADMIN, connection.get("connected_by").asText());
    assertTrue(connection.get("cloud_url").asText().endsWith("/cloud/api"));
    assertEquals("license_usage_sync", connection.get("features").get(0).get("name").asText());
    assertFalse(connection.get("features").get(0).get("enabled").asBoolean());
    assertFalse(
        connected.body().contains("lsi_") || connection.toString().contains("lsi_"),
        "the credential is never answered");
    assertEquals(1, cloudStatus().size());
    assertEquals("ghe.sync.example", cloudStatus().get(0).get("hostname").asText());
    assertEquals("pending", cloudStatus().get(0).get("last_sync").get("status").asText());
    assertEquals(409, connect(base.toString()).status(), "already connected");
  }

  @Test
  void aRefusedConnectChangesNothing() {
    assertEquals(422, connect("not a url").status());
    Reply wrongToken =
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + base
                + "\",\"enterprise\":\""
                + slug
                + "\",\"token\":\"lsc_not-a-token\"}");
    assertEquals(403, wrongToken.status(), wrongToken.toString());
    Reply unreachable = connect("http://127.0.0.1:9/");
    assertEquals(502, unreachable.status(), unreachable.toString());
    assertTrue(
        unreachable.json().get("message").asText().contains("unreachable"), unreachable.toString());
    assertEquals(404, admin.get("api/v3/admin/github-connect").status());
    assertEquals(0, cloudStatus().size());
  }

  @Test
  @Tag("smoke")
  void enablingIsRefusedUnlessConnectedASiteAdminAndACloudOwner() {
    Reply notConnected = enable(admin, ownerToken);
    assertEquals(409, notConnected.status(), notConnected.toString());
    assertTrue(notConnected.json().get("message").asText().contains("Connect this Server"));

    assertEquals(201, connect(base.toString()).status());
    String plainLogin = newActiveUser();
    Api plain =
        anonymous.withToken(
            admin
                .post("api/v3/admin/users/" + plainLogin + "/authorizations", "{}")
                .json()
                .get("token")
                .asText());
    assertEquals(403, enable(plain, ownerToken).status(), "not a site admin");

    String otherOwner = createEnterprise(slug + "-x");
    Reply notOwner = enable(admin, otherOwner);
    assertEquals(403, notOwner.status(), notOwner.toString());
    assertTrue(notOwner.json().get("message").asText().contains("does not belong to an owner"));
    assertEquals(403, enable(admin, null).status(), "no proof at all");
    assertEquals("Disabled", admin.get("api/v3/admin/license-sync").json().get("setting").asText());
    assertEquals(
        409,
        admin.post("api/v3/admin/license-sync/runs", null).status(),
        "Sync now needs license sync enabled");

    Reply enabled = enable(admin, ownerToken);
    assertEquals(200, enabled.status(), enabled.toString());
    assertEquals("Enabled", enabled.json().get("setting").asText());
    assertTrue(enabled.json().hasNonNull("next_run_at"));
    JsonNode audit = admin.get("api/v3/admin/audit-events").json();
    JsonNode newest = audit.get(0);
    assertEquals("license_sync.setting", newest.get("action").asText());
    assertEquals(ADMIN, newest.get("actor").asText());
    assertEquals("Disabled", newest.get("from").asText());
    assertEquals("Enabled", newest.get("to").asText());
    assertTrue(
        admin
            .get("api/v3/admin/github-connect")
            .json()
            .get("features")
            .get(0)
            .get("enabled")
            .asBoolean());

    assertEquals(
        200, admin.put("api/v3/admin/license-sync", "{\"setting\":\"Disabled\"}").status());
    assertEquals(
        "Disabled", admin.get("api/v3/admin/audit-events").json().get(0).get("to").asText());
    assertEquals(422, admin.put("api/v3/admin/license-sync", "{\"setting\":\"Maybe\"}").status());
  }

  @Test
  @Tag("smoke")
  void syncNowSendsExactlyTheConsumingAccountsAndASuspendedOneDisappears() {
    String login = newActiveUser();
    assertEquals(201, connect(base.toString()).status());
    assertEquals(200, enable(admin, ownerToken).status());

    JsonNode run = syncNowAndWait();
    assertEquals("success", run.get("status").asText(), run.toString());
    assertEquals("sync_now", run.get("trigger").asText());
    assertEquals(ADMIN, run.get("requested_by").asText());
    Set<String> consuming = serverConsumingIds();
    assertEquals(consuming.size(), run.get("accounts_sent").asInt());
    assertEquals(consuming, cloudServerIds());
    assertEquals("success", cloudStatus().get(0).get("last_sync").get("status").asText());
    JsonNode instance =
        owner.get("cloud/api/enterprises/" + slug + "/server-instances").json().get(0);
    assertEquals(
        admin
            .get("api/v3/admin/license-sync/export/key")
            .json()
            .get("signing_key_fingerprint")
            .asText(),
        instance.get("signing_key_fingerprint").asText(),
        "the sync registers the key this Server signs its exported files with");

    long id = admin.get("api/v3/users/" + login).json().get("id").asLong();
    assertTrue(cloudServerIds().contains("ghe.sync.example:" + id));
    assertEquals(204, admin.put("api/v3/users/" + login + "/suspended", "{}").status());
    JsonNode afterSuspending = syncNowAndWait();
    assertEquals("success", afterSuspending.get("status").asText());
    assertFalse(
        cloudServerIds().contains("ghe.sync.example:" + id), "a suspended account is not sent");
    assertEquals(serverConsumingIds(), cloudServerIds());
    // what each run changed since the last successful one
    assertEquals(0, afterSuspending.get("accounts_added").asInt(), afterSuspending.toString());
    assertEquals(1, afterSuspending.get("accounts_removed").asInt(), afterSuspending.toString());
    newActiveUser();
    newActiveUser();
    JsonNode afterTwoNew = syncNowAndWait();
    assertEquals(2, afterTwoNew.get("accounts_added").asInt(), afterTwoNew.toString());
    assertEquals(0, afterTwoNew.get("accounts_removed").asInt(), afterTwoNew.toString());
    assertEquals(
        afterSuspending.get("accounts_sent").asInt() + 2, afterTwoNew.get("accounts_sent").asInt());

    JsonNode history = admin.get("api/v3/admin/license-sync/runs").json();
    assertTrue(history.size() >= 2);
    assertTrue(
        history.get(0).get("id").asLong() > history.get(1).get("id").asLong(), "newest first");
  }

  @Test
  void whileARunIsInProgressSyncNowAnswers409WithTheRunningOne() {
    assertEquals(201, connect(base.toString()).status());
    assertEquals(200, enable(admin, ownerToken).status());
    Reply first = admin.post("api/v3/admin/license-sync/runs", null);
    Reply second = admin.post("api/v3/admin/license-sync/runs", null);
    assertEquals(202, first.status());
    String firstRun = first.header("Location").orElseThrow();
    if (second.status() == 409) {
      assertEquals(firstRun, second.header("Location").orElseThrow(), "points at the running run");
      assertEquals(
          "A license sync run is already in progress.", second.json().get("message").asText());
    } else {
      assertEquals(202, second.status(), "the first run had already finished");
      assertEquals(
          "success",
          waitFor(firstRun.substring(firstRun.indexOf("api/v3"))).get("status").asText());
    }
    waitFor(firstRun.substring(firstRun.indexOf("api/v3")));
  }

  @Test
  void disconnectingDeletesTheCredentialTurnsSyncOffAndTellsTheCloud() {
    assertEquals(201, connect(base.toString()).status());
    assertEquals(200, enable(admin, ownerToken).status());
    assertEquals("success", syncNowAndWait().get("status").asText());
    assertFalse(cloudServerIds().isEmpty());

    Reply disconnected = admin.delete("api/v3/admin/github-connect");
    assertEquals(200, disconnected.status(), disconnected.toString());
    assertTrue(disconnected.json().get("cloud_told").asBoolean());
    assertEquals(404, admin.get("api/v3/admin/github-connect").status());
    JsonNode state = admin.get("api/v3/admin/license-sync").json();
    assertEquals("Disabled", state.get("setting").asText());
    assertFalse(state.get("connected").asBoolean());
    assertEquals(0, cloudStatus().size(), "the Cloud removed the instance");
    assertTrue(cloudServerIds().isEmpty(), "and its usage");
    assertEquals(409, admin.post("api/v3/admin/license-sync/runs", null).status());
    assertEquals(409, admin.delete("api/v3/admin/github-connect").status());
  }

  @Test
  void withTheCloudUnreachableTheRunFailsWithTheReasonAndNothingIsHalfWritten() {
    CloudProxy proxy = CloudProxy.to(java.net.URI.create(base.toString()));
    assertEquals(201, connect(proxy.url()).status());
    assertEquals(200, enable(admin, ownerToken).status());
    assertEquals("success", syncNowAndWait().get("status").asText());
    Set<String> before = cloudServerIds();
    newActiveUser();
    proxy.close();

    JsonNode failed = syncNowAndWait();
    assertEquals("failure", failed.get("status").asText(), failed.toString());
    assertTrue(failed.get("error").asText().startsWith("unreachable"), failed.toString());
    assertEquals(before, cloudServerIds(), "the Cloud still holds the last good usage");
    assertEquals("success", cloudStatus().get(0).get("last_sync").get("status").asText());

    // a Cloud outage does not make this node unready or dead; the detail says what happened
    assertEquals(200, anonymous.get("health/ready").status());
    assertEquals(200, anonymous.get("health/live").status());
    JsonNode health = admin.get("health").json();
    assertEquals("UP", health.get("status").asText(), health.toString());
    JsonNode sync = check(health, "license_sync");
    assertEquals("failure", sync.get("data").get("last_run_status").asText(), health.toString());
    assertTrue(sync.get("data").get("last_run_error").asText().startsWith("unreachable"));
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.get("checks")) {
      if (check.get("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + health);
  }

  /** The value of the one sample {@code series} (name and labels as printed) in {@code text}. */
  private static double sample(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    throw new AssertionError("no sample " + series + " in\n" + text);
  }

  @Test
  void afterASyncTheMetricsCountItAndTheHealthChecksSayWhy() {
    String metricsBefore = admin.get("metrics").body();
    String successes = "licensesync_sync_runs_total{outcome=\"success\",trigger=\"sync_now\"}";
    double before = metricsBefore.contains(successes + " ") ? sample(metricsBefore, successes) : 0;
    assertEquals(201, connect(base.toString()).status());
    assertEquals(200, enable(admin, ownerToken).status());
    JsonNode run = syncNowAndWait();
    assertEquals("success", run.get("status").asText(), run.toString());

    Reply metrics = admin.get("metrics");
    assertEquals(200, metrics.status());
    String text = metrics.body();
    assertEquals(before + 1, sample(text, successes), text);
    assertTrue(
        sample(text, "licensesync_sync_run_duration_seconds_count{outcome=\"success\"}") >= 1);
    assertTrue(text.contains("# TYPE licensesync_sync_run_duration_seconds histogram"), text);
    assertTrue(
        sample(text, "licensesync_cloud_uploads_total{outcome=\"applied\",source=\"automatic\"}")
            >= 1,
        text);
    assertTrue(
        sample(text, "licensesync_cloud_ingest_duration_seconds_count{source=\"automatic\"}") >= 1);
    assertEquals(
        owner
            .get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=1")
            .json()
            .get("total_seats_consumed")
            .asDouble(),
        sample(text, "licensesync_cloud_enterprise_seats_consumed{enterprise=\"" + slug + "\"}"));
    assertEquals(
        run.get("accounts_sent").asDouble(),
        sample(
            text,
            "licensesync_cloud_instance_accounts{enterprise=\""
                + slug
                + "\",hostname=\"ghe.sync.example\"}"));
    assertTrue(sample(text, "licensesync_server_last_sync_success_age_seconds") < 120, text);
    // the upload's size; seats purchased per enterprise; each instance's last success; the Server
    assertTrue(
        sample(text, "licensesync_cloud_upload_bytes_count{source=\"automatic\"}") >= 1, text);
    assertTrue(sample(text, "licensesync_cloud_upload_bytes_sum{source=\"automatic\"}") > 0, text);
    JsonNode consumed =
        owner.get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=1").json();
    assertEquals(
        consumed.get("total_seats_purchased").asDouble(),
        sample(text, "licensesync_cloud_enterprise_seats_purchased{enterprise=\"" + slug + "\"}"));
    assertTrue(
        sample(
                text,
                "licensesync_cloud_instance_last_success_age_seconds{enterprise=\""
                    + slug
                    + "\",hostname=\"ghe.sync.example\"}")
            < 120,
        text);
    JsonNode license = admin.get("api/v3/enterprise/settings/license").json();
    assertEquals(
        license.get("seats_used").asDouble(), sample(text, "licensesync_server_seats_used"), text);
    if (license.get("seats").isNumber()) {
      assertEquals(
          license.get("seats").asDouble(),
          sample(text, "licensesync_server_seats_purchased"),
          text);
    }

    assertEquals("{\"status\":\"UP\"}", anonymous.get("health/ready").body());
    assertEquals("{\"status\":\"UP\"}", anonymous.get("health/live").body());
    JsonNode health = admin.get("health").json();
    assertEquals("0", check(health, "migrations").get("data").get("pending").asText());
    assertTrue(
        check(health, "timers")
            .get("data")
            .get("license-sync_due_check_last_tick")
            .asText()
            .startsWith("20"),
        health.toString());
    assertEquals(
        "success", check(health, "license_sync").get("data").get("last_run_status").asText());
  }

  @Test
  void whenTheCloudFailsThenRecoversTheRunSucceedsAfterARetry() {
    try (CloudProxy proxy = CloudProxy.to(java.net.URI.create(base.toString()))) {
      assertEquals(201, connect(proxy.url()).status());
      assertEquals(200, enable(admin, ownerToken).status());
      proxy.failNextUploads(1);
      JsonNode run = syncNowAndWait();
      assertEquals("success", run.get("status").asText(), run.toString());
      assertEquals(2, proxy.uploadsSeen(), "one 500, then the retry");
      assertEquals(
          "chunked",
          proxy.lastUploadFraming(),
          "the document is streamed from its file, not held in the heap first");
      assertEquals(serverConsumingIds(), cloudServerIds());

      proxy.failNextUploads(10);
      JsonNode exhausted = syncNowAndWait();
      assertEquals("failure", exhausted.get("status").asText());
      assertTrue(exhausted.get("error").asText().contains("HTTP 500"), exhausted.toString());
      assertEquals(serverConsumingIds(), cloudServerIds(), "the earlier usage is intact");
    }
  }
}
