package io.licensesync.bench;

import static io.licensesync.bench.BenchSupport.require;
import static io.licensesync.bench.BenchSupport.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.PayaraMicroProcess;
import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A benchmark harness, not a test: the Server's import of the site-admin users report ({@code POST
 * /api/v3/admin/users/imports}) of {@code bench.accounts} (100,000) new accounts in one request,
 * then the same file again (every line unchanged), on a real Payara Micro (-Xmx768m). Each is set
 * against a floor measured in the same run on the same database with plain JDBC from this JVM: the
 * same rows batch-inserted (1,000 per batch) into a scratch table with their emails, and
 * batch-selected back ({@code where id in (…)}, 1,000 ids per query). The ratio is import time /
 * floor. Heap: the GC log's peak during each import, and the live heap after a full GC.
 *
 * <p>Run it alone with {@code mvn -B verify -Pbench -DskipUnitTests -Dit.test=ImportBenchmark} (H2
 * file under {@code target/bench-data}; the floor then uses a second H2 file, since an H2 file has
 * one process) or add {@code ,postgresql} to the profiles (schema {@code bench.pg.schema}, dropped
 * and created again). {@code -Dbench.accounts=1000000} for the design size; the server's import
 * limit is raised to fit the file.
 */
class ImportBenchmark {

  private static final long FIRST_ID = 5_000_001;
  private static final String HEADER =
      "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n";
  private static final int FLOOR_BATCH = 1000;

  private final int accounts = Integer.getInteger("bench.accounts", 100_000);
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
  void importOfTheUsersReport() throws Exception {
    String database = bench.database();
    Path report = report();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("licensesync.server.import.max-bytes", Long.toString(Files.size(report) + 1024));
    bench.figure("accounts", Integer.toString(accounts));
    bench.figure("report file", Files.size(report) / 1024 + " KiB");

    bench.onServer(
        database,
        config,
        "bench-import",
        "license-sync Server users report import benchmark",
        started -> {
          server = started;
          run(database, report);
        });
  }

  private void run(String database, Path report) throws Exception {
    Api api = Api.at(server.url());
    adminToken = api.createToken(Deployments.ADMIN, Deployments.ADMIN_PASSWORD);
    admin = api.withToken(adminToken);
    bench.figure("heap after start", bench.heap());
    bench.startGcLog();
    bench.gcMark();

    long[] floors = floors(database);

    long created = importFile(report, "created");
    bench.figure(
        "(1) import " + accounts + " new accounts",
        seconds(created)
            + "  floor "
            + seconds(floors[0])
            + ", ratio "
            + ratio(created, floors[0])
            + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "users report import, new accounts",
            BenchTable.size(accounts),
            created,
            floors[0],
            bench.peakAfterGc(),
            0,
            0,
            "floor: JDBC batch insert"));
    bench.figure("    heap after (1), after a full GC", bench.liveHeap());

    long unchanged = importFile(report, "unchanged");
    bench.figure(
        "(2) re-import the same " + accounts + ", unchanged",
        seconds(unchanged)
            + "  floor "
            + seconds(floors[1])
            + ", ratio "
            + ratio(unchanged, floors[1])
            + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "users report re-import, unchanged",
            BenchTable.size(accounts),
            unchanged,
            floors[1],
            bench.peakAfterGc(),
            0,
            0,
            "floor: JDBC batch select by id"));
    bench.figure("    heap after (2), after a full GC", bench.liveHeap());
  }

  private static String ratio(long time, long floor) {
    return String.format(Locale.ROOT, "%.1f", (double) time / Math.max(1, floor));
  }

  /** Sends the report; the time until the answer, after checking every line went {@code into}. */
  private long importFile(Path report, String into) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(admin.uri("api/v3/admin/users/imports"))
            .timeout(Duration.ofMinutes(60))
            .header("Authorization", "token " + adminToken)
            .header("Content-Type", "text/csv")
            .header("Accept", "application/vnd.github+json")
            .POST(HttpRequest.BodyPublishers.ofFile(report))
            .build();
    Thread watchdog = bench.watchdog("import-" + into);
    long t = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } finally {
      watchdog.interrupt();
    }
    long elapsed = System.nanoTime() - t;
    require(
        200,
        new Api.Reply(response.statusCode(), response.headers(), response.body()),
        "import (" + into + ")");
    JsonNode result = Api.JSON.readTree(response.body());
    if (result.path(into).asInt() != accounts) {
      throw new IllegalStateException("expected " + accounts + " " + into + ": " + result);
    }
    return elapsed;
  }

  /**
   * The report: account {@code i} has a login, an email, every 50th suspended, every 3rd active.
   */
  private Path report() throws Exception {
    Path file = bench.target.resolve("bench-import-" + accounts + ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      for (int i = 0; i < accounts; i++) {
        out.write("2024-01-09 17:19:06 -0800,");
        out.write(Long.toString(FIRST_ID + i));
        out.write(",bench-user-" + i + ",bench-user-" + i + "@ghe.bench.example,");
        out.write(i % 1000 == 0 ? "admin," : "user,");
        out.write(i % 50 == 0 ? "true" : "false");
        out.write(",10.0.0.1,3,1,2,false,");
        out.write(i % 3 == 0 ? "2026-11-20 08:00:00 +0000" : "");
        out.write(",bench-user-" + i + ",true\n");
      }
    }
    return file;
  }

  /**
   * The floors, in nanoseconds: the same rows batch-inserted with plain JDBC into scratch tables
   * (accounts and emails, one transaction), then batch-selected back by id.
   */
  private long[] floors(String database) throws Exception {
    String url = database;
    if (url.startsWith("jdbc:h2:")) {
      url = "jdbc:h2:file:" + bench.target.toAbsolutePath().resolve("bench-floor/floor");
      bench.note("H2: the floor runs in this JVM on its own H2 file (an H2 file has one process)");
    }
    try (Connection c =
            DriverManager.getConnection(url, BenchSupport.user(), BenchSupport.password());
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_floor_email");
      s.execute("DROP TABLE IF EXISTS bench_floor_account");
      s.execute(
          "CREATE TABLE bench_floor_account (id BIGINT NOT NULL PRIMARY KEY, login VARCHAR(64)"
              + " NOT NULL, login_key VARCHAR(64) NOT NULL UNIQUE, account_type VARCHAR(16) NOT NULL,"
              + " site_admin BOOLEAN NOT NULL, suspended_at TIMESTAMP(6) WITH TIME ZONE,"
              + " created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
              + " last_active_at TIMESTAMP(6) WITH TIME ZONE, version BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE bench_floor_email (account_id BIGINT NOT NULL, address VARCHAR(320) NOT"
              + " NULL, address_key VARCHAR(320) NOT NULL UNIQUE, is_primary BOOLEAN NOT NULL,"
              + " PRIMARY KEY (account_id, address_key))");
      c.setAutoCommit(false);
      OffsetDateTime created =
          OffsetDateTime.ofInstant(Instant.parse("2024-01-10T01:19:06Z"), ZoneOffset.UTC);
      OffsetDateTime active =
          OffsetDateTime.ofInstant(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);
      long t = System.nanoTime();
      try (PreparedStatement a =
              c.prepareStatement("INSERT INTO bench_floor_account VALUES (?,?,?,?,?,?,?,?,0)");
          PreparedStatement e =
              c.prepareStatement("INSERT INTO bench_floor_email VALUES (?,?,?,TRUE)")) {
        for (int i = 0; i < accounts; i++) {
          long id = FIRST_ID + i;
          a.setLong(1, id);
          a.setString(2, "bench-user-" + i);
          a.setString(3, "bench-user-" + i);
          a.setString(4, "USER");
          a.setBoolean(5, i % 1000 == 0);
          a.setObject(6, i % 50 == 0 ? created : null);
          a.setObject(7, created);
          a.setObject(8, i % 3 == 0 ? active : null);
          a.addBatch();
          e.setLong(1, id);
          e.setString(2, "bench-user-" + i + "@ghe.bench.example");
          e.setString(3, "bench-user-" + i + "@ghe.bench.example");
          e.addBatch();
          if ((i + 1) % FLOOR_BATCH == 0 || i == accounts - 1) {
            a.executeBatch();
            e.executeBatch();
          }
        }
      }
      c.commit();
      long insert = System.nanoTime() - t;
      bench.figure("floor: JDBC batch insert " + accounts + " accounts + emails", seconds(insert));

      if (url.startsWith("jdbc:postgresql:")) {
        c.setAutoCommit(true);
        s.execute("ANALYZE bench_floor_account");
        s.execute("ANALYZE bench_floor_email");
        c.setAutoCommit(false);
      }
      t = System.nanoTime();
      long found = 0;
      String in = "?,".repeat(FLOOR_BATCH - 1) + "?";
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT a.id, a.login, a.login_key, a.site_admin, a.suspended_at, a.created_at,"
                  + " a.last_active_at, e.address FROM bench_floor_account a"
                  + " LEFT JOIN bench_floor_email e ON e.account_id = a.id AND e.is_primary"
                  + " WHERE a.id IN ("
                  + in
                  + ")")) {
        for (int from = 0; from < accounts; from += FLOOR_BATCH) {
          for (int k = 0; k < FLOOR_BATCH; k++) {
            q.setLong(k + 1, FIRST_ID + Math.min(accounts - 1, from + k));
          }
          try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
              found++;
            }
          }
        }
      }
      c.commit();
      long select = System.nanoTime() - t;
      bench.figure(
          "floor: JDBC batch select " + accounts + " by id (" + FLOOR_BATCH + " per query)",
          seconds(select) + "  (" + found + " rows)");
      c.setAutoCommit(true);
      s.execute("DROP TABLE bench_floor_email");
      s.execute("DROP TABLE bench_floor_account");
      return new long[] {insert, select};
    }
  }
}
