package io.licensesync.bench;

import static io.licensesync.bench.BenchSupport.require;
import static io.licensesync.bench.BenchSupport.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.PayaraMicroProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A benchmark harness, not a test: an owner provisions {@code bench.members} (200,000) enterprise
 * members through {@code POST /cloud/api/enterprises/{e}/members} in batches of {@code
 * bench.memberBatch} (10,000), each timed, on a real Payara Micro (-Xmx768m); then the same members
 * again, unchanged. Beside it the floor measured in the same run: the same rows (member and email)
 * batch-inserted with plain JDBC into scratch tables shaped like {@code enterprise_member} and
 * {@code member_email}, one transaction per batch. The enterprise's {@code total_seats_consumed} is
 * checked against the members provisioned (each is an organization member with a verified email).
 */
class MembersBenchmark {

  private static final int FLOOR_BATCH = 1000;

  private final int members = Integer.getInteger("bench.members", 200_000);
  private final int batch = Math.max(1, Integer.getInteger("bench.memberBatch", 10_000));
  private final BenchSupport bench = new BenchSupport();

  @Test
  void membersProvisionedInBatches() throws Exception {
    String database = bench.database();
    String operatorToken = "bench-operator-" + UUID.randomUUID();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("licensesync.cloud.operator-token", operatorToken);
    bench.figure("members / per POST", members + " / " + batch);
    bench.onServer(
        database,
        config,
        "bench-members",
        "license-sync Cloud members provisioning benchmark",
        started -> run(started, operatorToken, database));
  }

  private void run(PayaraMicroProcess server, String operatorToken, String database)
      throws Exception {
    Api api = Api.at(server.url());
    bench.figure("heap after start", bench.heap());
    bench.startGcLog();
    Reply created =
        api.withAuthorization("Bearer " + operatorToken)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\"bench-members\",\"name\":\"Bench\",\"seats_purchased\":"
                    + (members + 1)
                    + ",\"verified_domains\":[\"bench.example\"],\"owner\":{\"login\":\"owner1\","
                    + "\"emails\":[{\"email\":\"owner1@bench.example\",\"verified\":true}],"
                    + "\"org_roles\":[\"bench:Owner\"]}}");
    require(201, created, "create the enterprise");
    Api owner = api.withAuthorization("Bearer " + created.json().get("owner_token").asText());

    long floor = floor(database);
    bench.figure("(F) floor: JDBC batch insert of the same members + emails", seconds(floor));

    bench.gcMark();
    String profile = bench.profileStart("members new");
    long added = provision(owner, "created", "(1)");
    bench.profileStop(profile);
    String heap = bench.peakAfterGc();
    bench.figure(
        "(1) provision " + members + " new members",
        seconds(added)
            + "  floor "
            + seconds(floor)
            + ", ratio "
            + BenchSupport.ratio(added, floor)
            + bench.gc());
    long seats =
        owner
            .get("cloud/api/enterprises/bench-members/consumed-licenses?per_page=1")
            .json()
            .get("total_seats_consumed")
            .asLong();
    if (seats != members + 1) {
      throw new IllegalStateException(
          "expected " + (members + 1) + " seats consumed, the Cloud says " + seats);
    }
    BenchTable.add(
        new BenchTable.Row(
            "members: provision new, " + batch + " per POST",
            BenchTable.size(members),
            added,
            floor,
            heap,
            0,
            0,
            "seats " + seats));

    bench.gcMark();
    profile = bench.profileStart("members unchanged");
    long again = provision(owner, "unchanged", "(2)");
    bench.profileStop(profile);
    bench.figure("(2) provision the same " + members + ", unchanged", seconds(again) + bench.gc());
    BenchTable.add(
        new BenchTable.Row(
            "members: provision again, unchanged",
            BenchTable.size(members),
            again,
            floor,
            bench.peakAfterGc(),
            0,
            0,
            ""));
    bench.figure("heap after (after a full GC)", bench.liveHeap());
  }

  /**
   * Posts every batch; the summed time, after checking each answer counted them as {@code into}.
   */
  private long provision(Api owner, String into, String label) {
    long total = 0;
    StringBuilder each = new StringBuilder();
    for (int from = 1, n = 1; from <= members; from += batch, n++) {
      int to = Math.min(members, from + batch - 1);
      String body = json(from, to);
      Thread watchdog = bench.watchdog("members-" + into + "-" + n);
      long t = System.nanoTime();
      Reply reply;
      try {
        reply = owner.post("cloud/api/enterprises/bench-members/members", body);
      } finally {
        watchdog.interrupt();
      }
      long elapsed = System.nanoTime() - t;
      total += elapsed;
      require(200, reply, "provision members " + from + "-" + to);
      JsonNode result = reply.json();
      if (result.path(into).asInt() != to - from + 1) {
        throw new IllegalStateException("expected " + (to - from + 1) + " " + into + ": " + result);
      }
      each.append(each.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "%.1f", elapsed / 1e9));
    }
    bench.figure("    " + label + " per POST, s", each.toString());
    return total;
  }

  private static String email(int i) {
    return "member" + i + "@bench.example";
  }

  private static String json(int from, int to) {
    ArrayNode array = Api.JSON.createArrayNode();
    for (int i = from; i <= to; i++) {
      ObjectNode m = array.addObject();
      m.put("login", "member-" + i);
      m.put("name", "Member " + i);
      m.putArray("emails").addObject().put("email", email(i)).put("verified", true);
      m.put("enterprise_role", "member");
      m.putArray("org_roles").add("bench:Member");
      m.put("two_factor", true);
    }
    return array.toString();
  }

  /**
   * The floor, in nanoseconds: the members and their emails batch-inserted with plain JDBC into
   * scratch tables shaped like the real ones, one transaction per POST's worth; on H2 a scratch
   * file of its own in this JVM (the server holds the benchmark's).
   */
  private long floor(String database) throws Exception {
    String url = database;
    if (url.startsWith("jdbc:h2:")) {
      Path dir = bench.target.toAbsolutePath().resolve("bench-floor-members");
      url = "jdbc:h2:file:" + dir.resolve("floor");
      bench.note("H2: the floor runs in this JVM on its own H2 file (an H2 file has one process)");
    }
    try (Connection c =
            DriverManager.getConnection(url, BenchSupport.user(), BenchSupport.password());
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS floor_member_email");
      s.execute("DROP TABLE IF EXISTS floor_member");
      s.execute(
          "CREATE TABLE floor_member (id BIGINT NOT NULL PRIMARY KEY, enterprise_id BIGINT NOT NULL,"
              + " login VARCHAR(64) NOT NULL, login_key VARCHAR(64) NOT NULL, name VARCHAR(200),"
              + " enterprise_role VARCHAR(32) NOT NULL, org_roles VARCHAR(4000) NOT NULL,"
              + " pending_invites VARCHAR(4000) NOT NULL, private_repo_access BOOLEAN NOT NULL,"
              + " two_factor BOOLEAN NOT NULL, created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
              + " version BIGINT NOT NULL, UNIQUE (enterprise_id, login_key))");
      s.execute(
          "CREATE TABLE floor_member_email (member_id BIGINT NOT NULL, address VARCHAR(320) NOT NULL,"
              + " address_key VARCHAR(320) NOT NULL, verified BOOLEAN NOT NULL,"
              + " PRIMARY KEY (member_id, address_key))");
      c.setAutoCommit(false);
      OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
      long t = System.nanoTime();
      try (PreparedStatement m =
              c.prepareStatement(
                  "INSERT INTO floor_member VALUES (?,1,?,?,?,'MEMBER','bench:Member','',FALSE,TRUE,?,0)");
          PreparedStatement e =
              c.prepareStatement("INSERT INTO floor_member_email VALUES (?,?,?,TRUE)")) {
        for (int i = 1; i <= members; i++) {
          m.setLong(1, i);
          m.setString(2, "member-" + i);
          m.setString(3, "member-" + i);
          m.setString(4, "Member " + i);
          m.setObject(5, now);
          m.addBatch();
          e.setLong(1, i);
          e.setString(2, email(i));
          e.setString(3, email(i));
          e.addBatch();
          if (i % FLOOR_BATCH == 0 || i == members) {
            m.executeBatch();
            e.executeBatch();
          }
          if (i % batch == 0 || i == members) {
            c.commit();
          }
        }
      }
      long elapsed = System.nanoTime() - t;
      c.setAutoCommit(true);
      s.execute("DROP TABLE floor_member_email");
      s.execute("DROP TABLE floor_member");
      return elapsed;
    }
  }
}
