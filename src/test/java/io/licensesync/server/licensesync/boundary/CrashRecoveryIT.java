package io.licensesync.server.licensesync.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.PayaraMicroProcess;
import io.licensesync.testing.SyncScenario;
import io.licensesync.testing.TcpRelay;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Server nodes killed in the middle of a run ({@code kill -9}: nothing of theirs runs after), as
 * real processes on one database with a real Cloud process: the run they left is marked {@code
 * interrupted} — by the node itself when it starts again, or by another node once the killed one's
 * heartbeat is stale — Sync now works at once, and the due scheduled run happens. A Cloud killed
 * while it writes an upload's accounts keeps the usage it had, whole, and takes the next upload.
 */
class CrashRecoveryIT {

  static final String OPERATOR = "it-operator-crash";

  /**
   * Each process's database: on H2 a database served over TCP by this test's JVM — as H2's server
   * mode does for several nodes — so that killing a node never takes the database with it; on
   * PostgreSQL the tests' schema.
   */
  private static String database(String name) {
    String configured = System.getProperty("it.datasource.url", "");
    if (!configured.startsWith("jdbc:h2:")) {
      return configured;
    }
    return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/" + name + "-" + RUN;
  }

  private static org.h2.tools.Server h2;

  @org.junit.jupiter.api.BeforeAll
  static void databaseServer() throws java.sql.SQLException {
    String folder = System.getProperty("it.buildDirectory", "target") + "/it-data/crash";
    h2 =
        org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", folder)
            .start();
  }

  /**
   * The Cloud of the first three tests, started by the first that needs it: each makes an
   * enterprise of its own there, and none stops or kills it (one start of Payara Micro instead of
   * three).
   */
  private static PayaraMicroProcess sharedCloud;

  private static PayaraMicroProcess sharedCloud() {
    if (sharedCloud == null) {
      sharedCloud = PayaraMicroProcess.start(cloud(), "crash-cloud");
    }
    return sharedCloud;
  }

  @org.junit.jupiter.api.AfterAll
  static void stopDatabaseServer() {
    if (sharedCloud != null) {
      sharedCloud.close();
    }
    if (h2 != null) {
      h2.stop();
    }
  }

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static WebArchive cloud() {
    return Deployments.licenseSync(cloudConfig());
  }

  private static Map<String, String> cloudConfig() {
    return Map.of(
        "licensesync.roles",
        "cloud",
        "licensesync.cloud.operator-token",
        OPERATOR,
        "licensesync.datasource.url",
        database("crash-cloud"));
  }

  private static WebArchive serverNode(String node, String interval) {
    Map<String, String> config = new HashMap<>();
    config.put("licensesync.roles", "server");
    config.put("licensesync.node.id", node);
    config.put("licensesync.node.heartbeat-interval", "PT1S");
    config.put("licensesync.node.stale-after", "PT6S");
    config.put("licensesync.server.hostname", "ghe.crash.example");
    config.put("licensesync.server.license-sync.check-interval", "PT1S");
    config.put("licensesync.server.license-sync.interval", interval);
    config.put("licensesync.server.cloud.deadline", "PT10M");
    config.put("licensesync.datasource.url", database("crash-server"));
    return Deployments.licenseSync(config);
  }

  /** Makes an enterprise on the Cloud and connects {@code server} to it through {@code proxy}. */
  private record Enterprise(Api owner, String slug) {}

  private static Enterprise connectAndEnable(Api server, Api cloud, CloudProxy proxy) {
    String slug = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = SyncScenario.createEnterprise(cloud, OPERATOR, slug);
    server.delete("api/v3/admin/github-connect?force=true");
    Reply connected =
        server.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + proxy.url()
                + "\",\"enterprise\":\""
                + slug
                + "\",\"token\":\""
                + ownerToken
                + "\"}");
    assertEquals(201, connected.status(), connected.toString());
    Reply enabled =
        server.put(
            "api/v3/admin/license-sync",
            "{\"setting\":\"Enabled\",\"cloud_token\":\"" + ownerToken + "\"}");
    assertEquals(200, enabled.status(), enabled.toString());
    return new Enterprise(cloud.withToken(ownerToken), slug);
  }

  private static Api admin(PayaraMicroProcess server) {
    Api anonymous = Api.at(server.url());
    return anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  /** The newest run, once {@code until} holds for it (fails after {@code atMost}). */
  private static JsonNode newestRun(Api admin, Predicate<JsonNode> until, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    JsonNode newest = null;
    while (System.nanoTime() < deadline) {
      JsonNode runs = admin.get("api/v3/admin/license-sync/runs?per_page=1").json();
      newest = runs.size() == 0 ? null : runs.get(0);
      if (newest != null && until.test(newest)) {
        return newest;
      }
      sleep(300);
    }
    throw new AssertionError("no run came to that within " + atMost + "; the newest: " + newest);
  }

  private static JsonNode run(Api admin, long id) {
    return admin.get("api/v3/admin/license-sync/runs/" + id).json();
  }

  private static boolean running(JsonNode run) {
    return run.get("status").asText().equals("running");
  }

  @Test
  void aServerKilledMidUploadMarksItsRunInterruptedAtRestartAndSyncNowWorksAtOnce() {
    WebArchive node = serverNode("node-solo", "P7D");
    PayaraMicroProcess cloud = sharedCloud();
    try (CloudProxy proxy = CloudProxy.to(URI.create(cloud.url().toString()))) {
      long stuck;
      PayaraMicroProcess first = PayaraMicroProcess.start(node, "crash-solo");
      try {
        Api admin = admin(first);
        connectAndEnable(admin, Api.at(cloud.url()), proxy);
        proxy.hangUploads();
        assertEquals(202, admin.post("api/v3/admin/license-sync/runs", null).status());
        JsonNode inFlight = newestRun(admin, CrashRecoveryIT::running, Duration.ofSeconds(30));
        stuck = inFlight.get("id").asLong();
        waitForUpload(proxy);
        first.kill();
      } finally {
        first.close();
      }
      proxy.forwardUploads();

      try (PayaraMicroProcess second = PayaraMicroProcess.start(node, "crash-solo")) {
        Api admin = admin(second);
        Reply syncNow = admin.post("api/v3/admin/license-sync/runs", null);
        assertEquals(202, syncNow.status(), "Sync now at once after the restart: " + syncNow);
        JsonNode left = run(admin, stuck);
        assertEquals("interrupted", left.get("status").asText(), left.toString());
        assertTrue(left.get("error").asText().contains("restarted"), left.toString());
        JsonNode next = newestRun(admin, r -> !running(r), Duration.ofMinutes(2));
        assertEquals("success", next.get("status").asText(), next.toString());
      }
    }
  }

  @Test
  void whenTheNodeRunningTheDueSyncIsKilledAnotherInterruptsItAndRunsTheSync() {
    PayaraMicroProcess cloud = sharedCloud();
    try (CloudProxy proxy = CloudProxy.to(URI.create(cloud.url().toString()));
        PayaraMicroProcess a = PayaraMicroProcess.start(serverNode("node-a", "PT5S"), "crash-a");
        PayaraMicroProcess b = PayaraMicroProcess.start(serverNode("node-b", "PT5S"), "crash-b")) {
      Api adminA = admin(a);
      proxy.hangUploads();
      connectAndEnable(adminA, Api.at(cloud.url()), proxy);
      // the schedule is due 5 s after enabling; whichever node claims it, its upload hangs
      JsonNode due = newestRun(adminA, CrashRecoveryIT::running, Duration.ofSeconds(60));
      assertEquals("schedule", due.get("trigger").asText(), due.toString());
      waitForUpload(proxy);
      String runner = due.get("node").asText();
      PayaraMicroProcess killed = runner.equals("node-a") ? a : b;
      Api survivor = runner.equals("node-a") ? admin(b) : adminA;
      killed.kill();
      proxy.forwardUploads();

      long started = System.nanoTime();
      JsonNode interrupted =
          waitForRun(survivor, due.get("id").asLong(), r -> !running(r), Duration.ofSeconds(60));
      assertEquals("interrupted", interrupted.get("status").asText(), interrupted.toString());
      assertTrue(interrupted.get("error").asText().contains(runner), interrupted.toString());
      JsonNode retried =
          newestRun(
              survivor,
              r -> r.get("id").asLong() > due.get("id").asLong() && !running(r),
              Duration.ofSeconds(60));
      assertEquals("success", retried.get("status").asText(), retried.toString());
      assertEquals("schedule", retried.get("trigger").asText(), retried.toString());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(45)) < 0,
          "recovered within the stale time and a few checks");
    }
  }

  /**
   * Scenario 9: the database restarts (every connection reset, new ones refused for a few seconds)
   * while a run is uploading. The Cloud takes the upload meanwhile; the run's outcome is recorded
   * when the database is back, requests answer 503 while it is away, and Sync now works after.
   */
  @Test
  void aDatabaseRestartedDuringARunGetsTheRunsTrueOutcomeRecordedAndSyncNowWorksAfter() {
    String configured = System.getProperty("it.datasource.url", "");
    java.util.regex.Matcher at =
        java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(database("crash-dbrestart"));
    assertTrue(at.find(), "a database reached over TCP: " + configured);
    try (TcpRelay db = TcpRelay.to(at.group(1), Integer.parseInt(at.group(2)))) {
      String throughRelay =
          at.replaceFirst(
              java.util.regex.Matcher.quoteReplacement("//127.0.0.1:" + db.port() + "/"));
      Map<String, String> config = new HashMap<>();
      config.put("licensesync.roles", "server");
      config.put("licensesync.node.id", "node-dbrestart");
      config.put("licensesync.node.heartbeat-interval", "PT1S");
      config.put("licensesync.server.hostname", "ghe.dbrestart.example");
      config.put("licensesync.server.license-sync.check-interval", "PT1S");
      config.put("licensesync.datasource.url", throughRelay);
      PayaraMicroProcess cloud = sharedCloud();
      try (CloudProxy proxy = CloudProxy.to(URI.create(cloud.url().toString()));
          PayaraMicroProcess server =
              PayaraMicroProcess.start(Deployments.licenseSync(config), "crash-dbrestart")) {
        Api admin = admin(server);
        Enterprise enterprise = connectAndEnable(admin, Api.at(cloud.url()), proxy);
        proxy.holdUploads();
        assertEquals(202, admin.post("api/v3/admin/license-sync/runs", null).status());
        long id =
            newestRun(admin, CrashRecoveryIT::running, Duration.ofSeconds(30)).get("id").asLong();
        waitForUpload(proxy);

        db.down();
        long downAt = System.nanoTime();
        proxy.releaseUploads();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (proxy.uploadsAnswered() == 0 && System.nanoTime() < deadline) {
          sleep(100);
        }
        assertEquals(
            1, proxy.uploadsAnswered(), "the Cloud took the upload while the database was away");
        Reply meanwhile = admin.get("api/v3/admin/license-sync/runs?per_page=1");
        assertEquals(503, meanwhile.status(), meanwhile.toString());
        assertTrue(meanwhile.body().contains("database is unavailable"), meanwhile.toString());
        assertTrue(meanwhile.header("Retry-After").isPresent(), meanwhile.toString());
        // a load balancer takes the node out meanwhile, and does not restart it
        Api probe = Api.at(server.url());
        Reply notReady = probe.get("health/ready");
        assertEquals(503, notReady.status(), notReady.toString());
        assertTrue(notReady.body().contains("DOWN"), notReady.toString());
        Reply live = probe.get("health/live");
        assertEquals(200, live.status(), "the timers still tick: " + live);
        sleep(Math.max(0, 5000 - (System.nanoTime() - downAt) / 1_000_000));
        db.up();
        long upAt = System.nanoTime();

        JsonNode ended = waitForRun(admin, id, r -> !running(r), Duration.ofSeconds(60));
        assertEquals("success", ended.get("status").asText(), ended.toString());
        assertTrue(ended.get("accounts_sent").asInt() > 0, ended.toString());
        assertTrue(
            Duration.ofNanos(System.nanoTime() - upAt).compareTo(Duration.ofSeconds(20)) < 0,
            "recorded within a few checks of the database coming back");
        Reply ready = Api.at(server.url()).get("health/ready");
        assertEquals(200, ready.status(), "ready again: " + ready);
        assertEquals(
            ended.get("accounts_sent").asLong(),
            seats(enterprise.owner(), enterprise.slug()),
            "the Cloud holds the usage the run sent, whole");

        Reply again = admin.post("api/v3/admin/license-sync/runs", null);
        assertEquals(202, again.status(), "Sync now works after the restart: " + again);
        JsonNode next =
            newestRun(admin, r -> r.get("id").asLong() > id && !running(r), Duration.ofSeconds(60));
        assertEquals("success", next.get("status").asText(), next.toString());
      }
    }
  }

  private static JsonNode waitForRun(
      Api admin, long id, Predicate<JsonNode> until, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      run = run(admin, id);
      if (until.test(run)) {
        return run;
      }
      sleep(300);
    }
    throw new AssertionError("run " + id + " did not come to that within " + atMost + ": " + run);
  }

  @Test
  void aCloudKilledMidIngestKeepsTheUsageItHadWholeAndTakesTheUploadAgainAfterARestart()
      throws Exception {
    // the Cloud holds the big upload's transaction open once its accounts are written and matched
    WebArchive war = Deployments.holdingUsageChange(cloudConfig(), "150000 accounts");
    String slug = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    String serverId = UUID.randomUUID().toString();
    String credential;
    String ownerToken;
    long before;
    PayaraMicroProcess first = PayaraMicroProcess.start(war, "crash-ingest");
    try {
      Api cloud = Api.at(first.url());
      ownerToken = SyncScenario.createEnterprise(cloud, OPERATOR, slug);
      Api owner = cloud.withToken(ownerToken);
      Reply connected =
          owner.post(
              "cloud/api/enterprises/" + slug + "/server-instances",
              "{\"server_id\":\""
                  + serverId
                  + "\",\"hostname\":\"ghe.ingest.example\",\"version\":\"3.17.0\"}");
      assertEquals(201, connected.status(), connected.toString());
      credential = connected.json().get("credential").asText();
      Reply small = upload(cloud, credential, slug, serverId, 3, "old");
      assertEquals(201, small.status(), small.toString());
      before = seats(owner, slug);
      // a large upload, and the Cloud killed while it writes the accounts
      java.util.concurrent.CompletableFuture<Void> big =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  upload(cloud, credential, slug, serverId, 150_000, "new");
                } catch (RuntimeException cutOff) {
                  // the Cloud died under it
                }
              });
      awaitConsole(first, io.licensesync.testing.UsageHold.HOLDING, Duration.ofMinutes(2));
      first.kill();
      big.get(2, java.util.concurrent.TimeUnit.MINUTES);
    } finally {
      first.close();
    }
    try (PayaraMicroProcess second = PayaraMicroProcess.start(war, "crash-ingest")) {
      Api cloud = Api.at(second.url());
      Api owner = cloud.withToken(ownerToken);
      assertEquals(before, seats(owner, slug), "the usage the Cloud had, whole");
      Reply again = upload(cloud, credential, slug, serverId, 5, "again");
      assertEquals(201, again.status(), again.toString());
      assertEquals(before - 3 + 5, seats(owner, slug), "and it takes the next upload");
    }
  }

  private static void awaitConsole(PayaraMicroProcess process, String line, Duration atMost)
      throws java.io.IOException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      if (new String(
              java.nio.file.Files.readAllBytes(process.log()),
              java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains(line)) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("the console never showed \"" + line + "\"; see " + process.log());
  }

  private static Reply upload(
      Api cloud, String credential, String slug, String serverId, int accounts, String tag) {
    String uploadId = UUID.randomUUID().toString();
    java.util.List<io.licensesync.wire.LicenseUsageDocument.Account> list =
        new java.util.ArrayList<>(accounts);
    for (int i = 1; i <= accounts; i++) {
      list.add(
          io.licensesync.testing.UsageDocs.account(i, "p" + i + "-" + tag + "@ingest.example"));
    }
    String document =
        io.licensesync.testing.UsageDocs.document(
            uploadId, serverId, "ghe.ingest.example", java.time.Instant.now(), list);
    return cloud
        .withToken(credential)
        .send(
            "PUT",
            io.licensesync.testing.UsageDocs.uploadPath(slug, serverId, uploadId),
            "application/json",
            document);
  }

  private static long seats(Api owner, String slug) {
    return owner
        .get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=1")
        .json()
        .get("total_seats_consumed")
        .asLong();
  }

  private static void waitForUpload(CloudProxy proxy) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (proxy.uploadsSeen() == 0 && System.nanoTime() < deadline) {
      sleep(100);
    }
    assertTrue(proxy.uploadsSeen() > 0, "the upload reached the Cloud's address and hangs there");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
