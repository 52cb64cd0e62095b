package io.licensesync.bench;

import static io.licensesync.bench.BenchSupport.millis;
import static io.licensesync.bench.BenchSupport.require;
import static io.licensesync.bench.BenchSupport.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.PayaraMicroProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A benchmark harness, not a test: the Server role's "Sync now" with {@code bench.accounts}
 * (100,000) accounts that consume a license, on a real Payara Micro (-Xmx768m) that also plays the
 * Cloud. Everything goes over HTTP: the accounts arrive through the Server's import of the
 * site-admin users report ({@code POST /api/v3/admin/users/imports}, {@code bench.chunk} rows per
 * request, 10,000 by default; each chunk timed), the operator creates an enterprise, the site admin
 * connects to it (the process's own URL as the Cloud's) and enables license sync; then Sync now
 * ({@code POST /api/v3/admin/license-sync/runs}) is timed until the run's status, polled every
 * {@code bench.pollMillis} (200) ms on its Location, is {@code success}, the Cloud's count of
 * consumed licenses is read, and a second Sync now (the Cloud replaces the snapshot) is timed; then
 * Export license usage (encrypted for the connected enterprise) and Add server usage of that file.
 *
 * <p>Heap: a full GC ({@code jcmd GC.run}) before each Sync now gives the live baseline; the GC log
 * gives the peak during the run (before a GC: live plus garbage, an upper bound) and the most still
 * held after a GC; a full GC after the run gives what stays. Run it alone with {@code mvn -B verify
 * -Pbench -DskipUnitTests -Dit.test=SyncNowBenchmark} (add {@code ,postgresql} to the profiles for
 * schema {@code licensesync_bench}); a step running longer than {@code bench.dumpAfterSeconds} gets
 * thread dumps in {@code target/bench-dumps}.
 */
class SyncNowBenchmark {

  private static final String SLUG = "bench-sync";
  private static final long FIRST_ID = 1_000_001;
  private static final String REPORT_HEADER =
      "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?";

  private final int accounts = Integer.getInteger("bench.accounts", 100_000);
  private final int chunk = Math.max(1, Integer.getInteger("bench.chunk", 10_000));
  private final long pollMillis = Math.max(10, Long.getLong("bench.pollMillis", 200));
  private final BenchSupport bench = new BenchSupport();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private PayaraMicroProcess server;
  private String adminToken;
  private Api admin;

  @Test
  void syncNowOf100kAccounts() throws Exception {
    String database = bench.database();
    String operatorToken = "bench-operator-" + UUID.randomUUID();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("licensesync.cloud.operator-token", operatorToken);
    config.put("licensesync.server.secret-key", Base64.getEncoder().encodeToString(key));
    config.put("licensesync.server.hostname", "ghe.bench.example");
    bench.figure("accounts (consuming) / rows per import", accounts + " / " + chunk);

    bench.onServer(
        database,
        config,
        "bench-sync",
        "license-sync Server Sync now benchmark",
        started -> {
          server = started;
          run(operatorToken);
        });
  }

  private void run(String operatorToken) throws Exception {
    Api api = Api.at(server.url());
    adminToken = api.createToken(Deployments.ADMIN, Deployments.ADMIN_PASSWORD);
    admin = api.withToken(adminToken);
    bench.figure("heap after start", bench.heap());
    bench.startGcLog();

    Imported imported = importAccounts();
    bench.figure("heap after the import (after a full GC)", bench.liveHeap() + bench.gc());
    // linear when the last request costs what the first did: each touches only its own rows
    BenchTable.add(
        new BenchTable.Row(
            "Users report import, " + chunk + " rows per request (Server)",
            BenchTable.size(accounts),
            imported.total(),
            0,
            bench.peakAfterGc(),
            0,
            0,
            imported.note()));

    Reply created =
        api.withAuthorization("Bearer " + operatorToken)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + SLUG
                    + "\",\"name\":\"Bench Sync\",\"seats_purchased\":"
                    + (accounts + 100)
                    + ","
                    + "\"verified_domains\":[\"bench.example\"],\"owner\":{\"login\":\"owner1\","
                    + "\"emails\":[{\"email\":\"owner1@bench.example\",\"verified\":true}],\"org_roles\":[\"bench:Owner\"]}}");
    require(201, created, "create the enterprise");
    String ownerToken = created.json().get("owner_token").asText();
    Api owner = api.withAuthorization("Bearer " + ownerToken);

    String cloudUrl = server.url().toString();
    Reply connected =
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + cloudUrl
                + "\",\"enterprise\":\""
                + SLUG
                + "\",\"token\":\""
                + ownerToken
                + "\"}");
    require(201, connected, "connect");
    require(
        200,
        admin.put(
            "api/v3/admin/license-sync",
            "{\"setting\":\"Enabled\",\"cloud_token\":\"" + ownerToken + "\"}"),
        "enable license sync");

    syncNow("(1) Sync now", "sync-1");
    consumed(owner, "    (1) Cloud total_seats_consumed");

    syncNow("(2) Sync now again (Cloud replaces the snapshot)", "sync-2");
    consumed(owner, "    (2) Cloud total_seats_consumed");

    exportAndAdd(owner);
  }

  // ------------------------------------------------------------------- export and add server usage

  /**
   * Export license usage (encrypted for the connected enterprise), then Add server usage with that
   * file.
   */
  private void exportAndAdd(Api owner) {
    bench.figure("(3) heap before Export (after a full GC)", bench.liveHeap());
    bench.gcMark();
    long t = System.nanoTime();
    Reply file = admin.get("api/v3/admin/license-sync/export");
    long exported = System.nanoTime() - t;
    require(200, file, "export license usage");
    bench.figure(
        "(3) Export license usage (GET, whole file received)",
        seconds(exported)
            + "  ("
            + file.body().length() / 1024
            + " KiB, encrypted "
            + file.header("X-License-Usage-Encrypted").orElse("?")
            + ")");
    bench.figure("    (3) heap during the export", bench.heap() + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "Export license usage (encrypted), whole file received",
            BenchTable.size(accounts),
            exported,
            0,
            bench.peakAfterGc(),
            0,
            0,
            file.body().length() / 1024 + " KiB file"));

    bench.figure("(4) heap before Add server usage (after a full GC)", bench.liveHeap());
    bench.gcMark();
    t = System.nanoTime();
    Reply receipt =
        owner.send(
            "POST",
            "cloud/api/enterprises/" + SLUG + "/server-usage-uploads",
            "application/json",
            file.body());
    long added = System.nanoTime() - t;
    require(201, receipt, "add server usage");
    JsonNode r = receipt.json();
    bench.figure(
        "(4) Add server usage (POST the file, until the receipt)",
        seconds(added)
            + "  (accounts_accepted "
            + r.path("accounts_accepted").asText()
            + ", people "
            + r.path("people").asText()
            + ", seats "
            + r.path("seats_consumed_before").asText()
            + " -> "
            + r.path("seats_consumed_after").asText()
            + ")");
    bench.figure("    (4) heap during the upload", bench.heap() + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "Add server usage of that file, until the receipt",
            BenchTable.size(accounts),
            added,
            0,
            bench.peakAfterGc(),
            0,
            0,
            "seats " + r.path("seats_consumed_after").asText()));
  }

  // ---------------------------------------------------------------------------------------- import

  private Imported importAccounts() throws Exception {
    long all = System.nanoTime();
    StringBuilder perChunk = new StringBuilder();
    long slowest = 0;
    long first = 0;
    long last = 0;
    for (int from = 0, n = 1; from < accounts; from += chunk, n++) {
      int to = Math.min(accounts, from + chunk);
      String csv = report(from, to);
      HttpRequest request =
          HttpRequest.newBuilder(admin.uri("api/v3/admin/users/imports"))
              .timeout(Duration.ofMinutes(30))
              .header("Authorization", "token " + adminToken)
              .header("Content-Type", "text/csv")
              .header("Accept", "application/vnd.github+json")
              .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
              .build();
      Thread watchdog = bench.watchdog("import-" + n);
      long t = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } finally {
        watchdog.interrupt();
      }
      long elapsed = System.nanoTime() - t;
      slowest = Math.max(slowest, elapsed);
      first = n == 1 ? elapsed : first;
      last = elapsed;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "import chunk "
                + n
                + ": "
                + response.statusCode()
                + " "
                + response.body().substring(0, Math.min(2000, response.body().length())));
      }
      JsonNode result = Api.JSON.readTree(response.body());
      bench.figure(
          String.format("    import chunk %2d (rows %d-%d)", n, from + 1, to),
          seconds(elapsed)
              + "  (created "
              + result.path("created").asText()
              + ", "
              + csv.length() / 1024
              + " KiB, load "
              + BenchSupport.loadAverage()
              + ")");
      perChunk
          .append(perChunk.length() == 0 ? "" : " ")
          .append(String.format(java.util.Locale.ROOT, "%.1f", elapsed / 1e9));
    }
    long total = System.nanoTime() - all;
    bench.figure(
        "import " + accounts + " accounts, " + chunk + " rows per POST",
        seconds(total) + "  (per chunk, s: " + perChunk + "; slowest " + seconds(slowest) + ")");
    return new Imported(
        total,
        "first request "
            + seconds(first)
            + ", last "
            + seconds(last)
            + ", slowest "
            + seconds(slowest));
  }

  /** The whole import's time, and its first, last and slowest requests'. */
  private record Imported(long total, String note) {}

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive) of the users report: each a distinct
   * login and email, active.
   */
  private static String report(int from, int to) {
    StringBuilder csv = new StringBuilder(REPORT_HEADER.length() + (to - from) * 160);
    csv.append(REPORT_HEADER).append('\n');
    for (int i = from; i < to; i++) {
      long id = FIRST_ID + i;
      String login = "bench-user-" + i;
      csv.append("2024-01-09 17:19:06 -0800,")
          .append(id)
          .append(',')
          .append(login)
          .append(',')
          .append(login)
          .append("@ghe.bench.example,user,false,10.0.0.1,3,1,2,false,2026-01-02 03:04:05 +0000,")
          .append(login)
          .append(",true\n");
    }
    return csv.toString();
  }

  // -------------------------------------------------------------------------------------- sync now

  private void syncNow(String label, String step) throws Exception {
    bench.figure(
        "    " + label.substring(0, 3) + " heap before (after a full GC)", bench.liveHeap());
    bench.gcMark();
    String load = BenchSupport.loadAverage();
    Thread watchdog = bench.watchdog(step);
    long t = System.nanoTime();
    UsageFileWatch file = new UsageFileWatch(t);
    JsonNode run;
    long accepted;
    int polls = 0;
    try {
      Reply started = admin.post("api/v3/admin/license-sync/runs", null);
      accepted = System.nanoTime() - t;
      require(202, started, label);
      String location = started.header("Location").orElseThrow();
      String path = location.substring(location.indexOf("api/v3"));
      while (true) {
        file.look();
        run = admin.get(path).json();
        polls++;
        if (!run.path("status").asText().equals("running")) {
          break;
        }
        if (System.nanoTime() - t > Duration.ofMinutes(30).toNanos()) {
          throw new IllegalStateException(label + " still running after 30 minutes: " + run);
        }
        Thread.sleep(pollMillis);
      }
    } finally {
      watchdog.interrupt();
    }
    long elapsed = System.nanoTime() - t;
    String status = run.path("status").asText();
    bench.figure(
        label,
        seconds(elapsed)
            + "  (status "
            + status
            + ", accounts_sent "
            + run.path("accounts_sent").asText()
            + ", 202 after "
            + millis(accepted)
            + ", "
            + polls
            + " polls every "
            + pollMillis
            + " ms; load before "
            + load
            + ")");
    bench.figure(
        "    " + label.substring(0, 3) + " Server wrote the usage file", file.describe(elapsed));
    bench.figure(
        "    " + label.substring(0, 3) + " heap during the run", bench.heap() + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "Sync now end to end " + label.substring(0, 3) + " (Server and Cloud, one process)",
            BenchTable.size(accounts),
            elapsed,
            0,
            bench.peakAfterGc(),
            0,
            0,
            "status " + status));
    bench.figure(
        "    " + label.substring(0, 3) + " heap after (after a full GC)", bench.liveHeap());
    if (!status.equals("success")) {
      throw new IllegalStateException(label + " did not succeed: " + run);
    }
  }

  /**
   * Splits a run in two without touching the app: the Server writes its usage document to {@code
   * license-usage-*.json} in the temp directory (the server's and this JVM's: the same machine, no
   * -Djava.io.tmpdir) and uploads it once written; the file stops growing when writing ends. Seen
   * at each poll, so to within the poll interval.
   */
  private static final class UsageFileWatch {
    private final long start;
    private final long startMillis = System.currentTimeMillis();
    private Path file;
    private long size = -1;
    private long firstSeen;
    private long lastGrew;

    UsageFileWatch(long start) {
      this.start = start;
    }

    void look() {
      long now = System.nanoTime();
      try {
        if (file == null) {
          try (DirectoryStream<Path> files =
              Files.newDirectoryStream(
                  Path.of(System.getProperty("java.io.tmpdir")), "license-usage-*.json")) {
            for (Path candidate : files) {
              if (Files.getLastModifiedTime(candidate).toMillis() >= startMillis - 1000) {
                file = candidate;
                firstSeen = now;
              }
            }
          }
        }
        if (file != null && Files.exists(file)) {
          long current = Files.size(file);
          if (current != size) {
            size = current;
            lastGrew = now;
          }
        }
      } catch (IOException e) {
        // deleted while looked at: the run is ending
      }
    }

    String describe(long elapsed) {
      if (file == null) {
        return "temp file license-usage-*.json not seen in " + System.getProperty("java.io.tmpdir");
      }
      return "by "
          + seconds(lastGrew - start)
          + " (first seen after "
          + seconds(firstSeen - start)
          + ", "
          + size / 1024
          + " KiB); upload + Cloud apply + recording success: "
          + seconds(start + elapsed - lastGrew);
    }
  }

  private void consumed(Api owner, String label) {
    long t = System.nanoTime();
    Reply page = owner.get("cloud/api/enterprises/" + SLUG + "/consumed-licenses?per_page=1");
    long elapsed = System.nanoTime() - t;
    require(200, page, label);
    long total = page.json().path("total_seats_consumed").asLong(-1);
    bench.figure(
        label,
        total
            + "  ("
            + (total >= accounts ? "≥" : "<")
            + " "
            + accounts
            + " imported accounts; GET took "
            + millis(elapsed)
            + ")");
    if (total < accounts) {
      bench.note(
          label.strip()
              + ": the Cloud counts "
              + total
              + " people, fewer than the "
              + accounts
              + " accounts sent");
    }
  }
}
