package io.licensesync.server.licensesync.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.PayaraMicroProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The weekly license sync schedule, on real Payara Micro processes with short intervals: a run
 * happens when it is due and not before, disabling stops it, a run that fell due while the
 * application was down happens soon after start (once, however many slots were missed), and two
 * nodes on one database run each due run exactly once. The Server syncs to its own Cloud role over
 * real HTTP.
 *
 * <p>Each test has its own H2 file database (AUTO_SERVER, so two processes can share it), or, when
 * the build runs against PostgreSQL, the shared schema; so assertions only look at runs newer than
 * the ones there were when the test enabled license sync.
 */
class LicenseSyncScheduleIT {

  static final String OPERATOR =
      "it-operator-" + UUID.nameUUIDFromBytes("schedule".getBytes(StandardCharsets.UTF_8));

  /** Shared by every node of a test, so each can decrypt the instance credential another stored. */
  static final Duration INTERVAL = Duration.ofSeconds(6);

  static final Duration CHECK = Duration.ofSeconds(1);
  static final Duration TOLERANCE = Duration.ofSeconds(1);

  // ---------------------------------------------------------------------------------------------

  /** Tests 1 and 2 share one process (and database); each connects a new enterprise of its own. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnOneNode {

    PayaraMicroProcess node;
    Server server;

    @BeforeAll
    void start() {
      node = PayaraMicroProcess.start(war(database("one-node"), INTERVAL), "schedule-one-node");
      server = Server.at(node);
    }

    @AfterAll
    void stop() {
      if (node != null) {
        server.disconnectQuietly();
        node.close();
      }
    }

    @Test
    void aScheduledRunHappensWhenDueAndNotBefore() {
      long before = server.connect(node);
      Instant enabledAt = server.enable();
      assertTrue(server.scheduledRuns(before).isEmpty(), "no scheduled run right after enabling");

      JsonNode run =
          server.awaitRun(
              before,
              r ->
                  "schedule".equals(r.get("trigger").asText())
                      && "success".equals(r.get("status").asText()),
              Duration.ofSeconds(20));
      Instant startedAt = instant(run, "started_at");
      assertFalse(
          startedAt.isBefore(enabledAt.plus(INTERVAL).minus(TOLERANCE)),
          "the first scheduled run starts one interval after enabling: enabled "
              + enabledAt
              + ", run "
              + run);
      assertTrue(
          startedAt.isBefore(enabledAt.plus(INTERVAL).plus(CHECK).plus(Duration.ofSeconds(8))),
          "the run starts soon after it falls due: enabled " + enabledAt + ", run " + run);
      assertTrue(
          run.get("accounts_sent").asInt() >= 1, "the bootstrap admin consumes a license: " + run);
      assertTrue(absent(run, "error"), run.toString());
      assertTrue(absent(run, "requested_by"), "nobody requested a scheduled run: " + run);
      assertFalse(instant(run, "finished_at").isBefore(startedAt), run.toString());
      // the one run before it was the scheduled one, nothing else ran
      assertEquals(
          List.of(run.get("id").asLong()),
          server.runs(before).stream()
              .filter(r -> !instant(r, "started_at").isAfter(startedAt))
              .map(r -> r.get("id").asLong())
              .toList());

      JsonNode state = server.admin.get("api/v3/admin/license-sync").json();
      Instant next = instant(state, "next_run_at");
      assertTrue(next.isAfter(startedAt), "the schedule moved on: " + state);
      // as stored (the database keeps microseconds)
      assertEquals(
          0,
          Duration.between(instant(state, "changed_at"), next).toMillis() % INTERVAL.toMillis(),
          "the schedule keeps the phase it was enabled with: " + state);
    }

    @Test
    void disablingStopsTheSchedule() {
      long before = server.connect(node);
      server.enable();
      server.awaitRun(
          before,
          r ->
              "schedule".equals(r.get("trigger").asText())
                  && !"running".equals(r.get("status").asText()),
          Duration.ofSeconds(20));

      Reply disabled = server.admin.put("api/v3/admin/license-sync", "{\"setting\":\"Disabled\"}");
      assertEquals(200, disabled.status(), disabled.toString());
      assertEquals("Disabled", disabled.json().get("setting").asText());
      assertTrue(absent(disabled.json(), "next_run_at"), disabled.toString());
      Instant disabledAt = instant(disabled.json(), "changed_at");

      sleep(INTERVAL.multipliedBy(5).dividedBy(2).plus(CHECK));
      List<JsonNode> after =
          server.scheduledRuns(before).stream()
              .filter(r -> instant(r, "started_at").isAfter(disabledAt))
              .toList();
      assertEquals(
          List.of(), after, "no scheduled run after disabling (disabled at " + disabledAt + ")");
      assertTrue(absent(server.admin.get("api/v3/admin/license-sync").json(), "next_run_at"));
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aRunThatFellDueWhileTheApplicationWasDownHappensSoonAfterStartOnce() {
    Duration interval = Duration.ofSeconds(15);
    WebArchive war = war(database("restart"), interval);
    int port;
    long before;
    Instant enabledAt;
    try (PayaraMicroProcess first = PayaraMicroProcess.start(war, "schedule-restart")) {
      port = first.url().getPort();
      Server server = Server.at(first, interval);
      before = server.connect(first);
      enabledAt = server.enable();
    }
    Instant stoppedAt = Instant.now();
    assertTrue(
        stoppedAt.isBefore(enabledAt.plus(interval)),
        "the first process stopped before the run fell due (enabled "
            + enabledAt
            + ", stopped "
            + stoppedAt
            + ")");
    sleepUntil(enabledAt.plus(interval).plus(TOLERANCE));

    Instant restartedAt = Instant.now();
    // the same port: a restarted server keeps its URL, and the stored Cloud URL is this process's
    // own
    try (PayaraMicroProcess second = PayaraMicroProcess.start(war, "schedule-restart", port)) {
      Instant healthyAt = Instant.now();
      Server server = Server.at(second, interval);
      try {
        JsonNode run =
            server.awaitRun(
                before,
                r ->
                    "schedule".equals(r.get("trigger").asText())
                        && !"running".equals(r.get("status").asText()),
                Duration.ofSeconds(10));
        Instant startedAt = instant(run, "started_at");
        long missedSlots = Duration.between(enabledAt, startedAt).toMillis() / interval.toMillis();
        System.out.printf(
            "restart: enabled %s, stopped %s, restarted %s, healthy %s, missed run started %s (%d slots missed)%n",
            enabledAt, stoppedAt, restartedAt, healthyAt, startedAt, missedSlots);
        assertTrue(
            startedAt.isAfter(restartedAt),
            "the missed run ran after the start, not before the stop: " + run);
        assertTrue(
            startedAt.isBefore(healthyAt.plus(Duration.ofSeconds(10))),
            "the missed run ran soon after start: " + run);
        assertEquals("success", run.get("status").asText(), run.toString());

        // several missed slots become one run: after the catch-up run, a run follows only for a
        // slot that
        // fell due after the catch-up started (a slow start can put the catch-up just before a
        // slot)
        Instant nextSlot = enabledAt.plus(interval.multipliedBy(missedSlots + 1));
        sleepUntil(Instant.now().plus(Duration.ofSeconds(2)));
        Instant checkedAt = Instant.now();
        List<JsonNode> scheduled = server.scheduledRuns(before);
        long slotsAfterCatchUp =
            Duration.between(enabledAt, checkedAt).toMillis() / interval.toMillis() - missedSlots;
        assertEquals(
            run.get("id").asLong(),
            scheduled.get(0).get("id").asLong(),
            "the catch-up run is the first after the restart: " + scheduled);
        assertTrue(
            scheduled.size() <= 1 + slotsAfterCatchUp,
            "exactly one run for the missed slot(s), then at most one per slot due since ("
                + slotsAfterCatchUp
                + "); scheduled runs: "
                + scheduled);
        // (the next regular slot may follow the catch-up run closer than an interval: the schedule
        // keeps its phase)
        Instant next = instant(server.admin.get("api/v3/admin/license-sync").json(), "next_run_at");
        assertFalse(
            next.isBefore(nextSlot),
            "the schedule moved past the missed slots: next "
                + next
                + ", expected from "
                + nextSlot);
      } finally {
        server.disconnectQuietly();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void twoNodesOnOneDatabaseRunEachDueRunExactlyOnce() throws IOException {
    WebArchive war = war(database("two-nodes"), INTERVAL);
    try (PayaraMicroProcess a = PayaraMicroProcess.start(war, "schedule-node-a");
        PayaraMicroProcess b = PayaraMicroProcess.start(war, "schedule-node-b")) {
      Server nodeA = Server.at(a);
      Server nodeB = Server.at(b);
      try {
        long before = nodeA.connect(a);
        long sinceA = Files.size(a.log());
        long sinceB = Files.size(b.log());
        Instant enabledAt = nodeA.enable();
        assertEquals(
            "Enabled",
            nodeB.admin.get("api/v3/admin/license-sync").json().get("setting").asText(),
            "node B sees the setting");

        sleep(INTERVAL.multipliedBy(9).dividedBy(2));
        Instant until = Instant.now();
        // a run still in flight at the end is fine; let it finish before reading the history
        sleep(Duration.ofSeconds(2));

        List<JsonNode> scheduled =
            nodeB.scheduledRuns(before).stream()
                .filter(r -> !instant(r, "started_at").isAfter(until))
                .toList();
        long elapsedIntervals = Duration.between(enabledAt, until).toMillis() / INTERVAL.toMillis();
        System.out.printf(
            "two nodes: %d scheduled runs in %d elapsed intervals: %s%n",
            scheduled.size(), elapsedIntervals, scheduled);
        assertTrue(
            scheduled.size() <= elapsedIntervals + 1, "at most one run per due slot: " + scheduled);
        assertTrue(
            scheduled.size() >= elapsedIntervals - 1, "the schedule kept going: " + scheduled);
        assertSpaced(scheduled, INTERVAL);
        for (JsonNode run : scheduled) {
          assertEquals("success", run.get("status").asText(), run.toString());
        }

        // which node ran what (informational: either may win each claim)
        String logA = tail(a.log(), sinceA);
        String logB = tail(b.log(), sinceB);
        System.out.printf(
            "two nodes: node A ran %d, node B ran %d%n",
            count(logA, "License sync run "), count(logB, "License sync run "));
        assertEquals(
            scheduled.size(),
            count(logA, "License sync run ") + count(logB, "License sync run "),
            "each run was performed by exactly one node");
        for (String log : List.of(logA, logB)) {
          assertFalse(log.contains("Exception"), "no node failed on a claim another won:\n" + log);
        }
        // one line per run: its id, what it sent and how long it took; never an email
        for (JsonNode run : scheduled) {
          String line =
              "License sync run "
                  + run.get("id").asLong()
                  + " sent "
                  + run.get("accounts_sent").asLong()
                  + " accounts in ";
          assertTrue(logA.contains(line) || logB.contains(line), "the log says: " + line + "… ms");
        }
        for (String log : List.of(logA, logB)) {
          log.lines()
              .filter(l -> l.contains("License sync run "))
              .forEach(l -> assertFalse(l.matches(".*[^\\s@]+@[^\\s@]+\\.[a-z]+.*"), l));
        }
      } finally {
        nodeA.disconnectQuietly();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A Server as its site administrator sees it over HTTP. */
  static final class Server {

    final Api anonymous;
    final Api admin;
    final Duration interval;
    String ownerToken;

    private Server(Api anonymous, Api admin, Duration interval) {
      this.anonymous = anonymous;
      this.admin = admin;
      this.interval = interval;
    }

    static Server at(PayaraMicroProcess process) {
      return at(process, INTERVAL);
    }

    /** The process's Server role, configured with {@code interval}. */
    static Server at(PayaraMicroProcess process, Duration interval) {
      Api api = Api.at(process.url());
      return new Server(api, api.withToken(api.createToken(ADMIN, ADMIN_PASSWORD)), interval);
    }

    /**
     * Creates a new Cloud enterprise and connects this Server to it (disconnecting whatever an
     * earlier test left); returns the newest run id there was, so the test looks only at newer
     * ones.
     */
    long connect(PayaraMicroProcess cloud) {
      String slug = "sched-" + UUID.randomUUID().toString().substring(0, 8);
      ObjectNode enterprise =
          Api.JSON
              .createObjectNode()
              .put("slug", slug)
              .put("name", "Schedule")
              .put("seats_purchased", 20);
      ObjectNode owner = enterprise.putObject("owner").put("login", "boss").put("name", "The Boss");
      owner
          .putArray("emails")
          .addObject()
          .put("email", "boss@" + slug + ".example")
          .put("verified", true);
      Reply created =
          anonymous.withToken(OPERATOR).post("cloud/api/enterprises", enterprise.toString());
      assertEquals(201, created.status(), created.toString());
      ownerToken = created.json().get("owner_token").asText();

      if (admin.get("api/v3/admin/github-connect").status() == 200) {
        Reply gone = admin.delete("api/v3/admin/github-connect?force=true");
        assertEquals(200, gone.status(), gone.toString());
      }
      ObjectNode connect =
          Api.JSON
              .createObjectNode()
              .put("cloud_url", cloud.url().toString())
              .put("enterprise", slug)
              .put("token", ownerToken);
      Reply connected = admin.put("api/v3/admin/github-connect", connect.toString());
      assertEquals(201, connected.status(), connected.toString());
      List<JsonNode> newest = page("api/v3/admin/license-sync/runs?per_page=1");
      return newest.isEmpty() ? 0 : newest.get(0).get("id").asLong();
    }

    /** Enables license sync; returns when, as the Server recorded it. */
    Instant enable() {
      ObjectNode body =
          Api.JSON.createObjectNode().put("setting", "Enabled").put("cloud_token", ownerToken);
      Reply enabled = admin.put("api/v3/admin/license-sync", body.toString());
      assertEquals(200, enabled.status(), enabled.toString());
      assertEquals("Enabled", enabled.json().get("setting").asText(), enabled.toString());
      Instant at = instant(enabled.json(), "changed_at");
      assertEquals(at.plus(interval), instant(enabled.json(), "next_run_at"), enabled.toString());
      return at;
    }

    void disconnectQuietly() {
      try {
        if (admin.get("api/v3/admin/github-connect").status() == 200) {
          admin.delete("api/v3/admin/github-connect?force=true");
        }
      } catch (RuntimeException ignored) {
        // best effort: the next test disconnects first anyway
      }
    }

    /** The runs newer than {@code afterId}, oldest first. */
    List<JsonNode> runs(long afterId) {
      List<JsonNode> runs =
          new ArrayList<>(
              page("api/v3/admin/license-sync/runs?per_page=100").stream()
                  .filter(r -> r.get("id").asLong() > afterId)
                  .toList());
      runs.sort(Comparator.comparingLong(r -> r.get("id").asLong()));
      return runs;
    }

    List<JsonNode> scheduledRuns(long afterId) {
      return runs(afterId).stream()
          .filter(r -> "schedule".equals(r.get("trigger").asText()))
          .toList();
    }

    JsonNode awaitRun(long afterId, Predicate<JsonNode> wanted, Duration limit) {
      Instant deadline = Instant.now().plus(limit);
      List<JsonNode> seen;
      do {
        seen = runs(afterId);
        for (JsonNode run : seen) {
          if (wanted.test(run)) {
            return run;
          }
        }
        sleep(Duration.ofMillis(250));
      } while (Instant.now().isBefore(deadline));
      return fail("no such run within " + limit + "; runs: " + seen);
    }

    private List<JsonNode> page(String path) {
      Reply reply = admin.get(path);
      assertEquals(200, reply.status(), reply.toString());
      List<JsonNode> items = new ArrayList<>();
      reply.json().forEach(items::add);
      return items;
    }
  }

  // ---------------------------------------------------------------------------------------------

  static WebArchive war(String datasourceUrl, Duration interval) {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.datasource.url",
            datasourceUrl,
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.license-sync.interval",
            interval.toString(),
            "licensesync.server.license-sync.check-interval",
            CHECK.toString()));
  }

  /**
   * An H2 file database of this test's own, or the build's PostgreSQL (shared with other tests).
   */
  static String database(String name) {
    String configured = System.getProperty("it.datasource.url", "");
    if (configured.startsWith("jdbc:postgresql")) {
      return configured;
    }
    Path target = Path.of(System.getProperty("it.buildDirectory", "target")).toAbsolutePath();
    String file =
        target
            .resolve("it-data")
            .resolve("schedule-" + name + "-" + UUID.randomUUID().toString().substring(0, 8))
            .toString();
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE";
  }

  /** No two scheduled runs closer together than one interval (less the check's jitter). */
  static void assertSpaced(List<JsonNode> scheduled, Duration interval) {
    List<Instant> starts = scheduled.stream().map(r -> instant(r, "started_at")).sorted().toList();
    for (int i = 1; i < starts.size(); i++) {
      Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
      assertFalse(
          gap.compareTo(interval.minus(TOLERANCE)) < 0,
          "two scheduled runs only " + gap + " apart: " + scheduled);
    }
  }

  /** A null field, which the API leaves out of its answers. */
  static boolean absent(JsonNode node, String field) {
    return node.path(field).isMissingNode() || node.path(field).isNull();
  }

  static Instant instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    assertTrue(value != null && value.isTextual(), field + " missing in " + node);
    return Instant.parse(value.asText());
  }

  static String tail(Path file, long from) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(
        all,
        (int) Math.min(from, all.length),
        (int) Math.max(0, all.length - from),
        StandardCharsets.UTF_8);
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static void sleepUntil(Instant when) {
    Duration left = Duration.between(Instant.now(), when);
    if (!left.isNegative()) {
      sleep(left);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
