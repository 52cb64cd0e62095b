package io.licensesync.bench;

import static io.licensesync.bench.BenchSupport.millis;
import static io.licensesync.bench.BenchSupport.require;
import static io.licensesync.bench.BenchSupport.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesync.cloud.licensing.control.PersonIds;
import io.licensesync.identity.Emails;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.PayaraMicroProcess;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageWriter;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A benchmark harness, not a test: it starts the WAR on a real Payara Micro (the same -Xmx the
 * integration tests use), plays the Cloud role's big-enterprise path and prints figures; it asserts
 * nothing about timing. Run it with {@code mvn -B verify -Pbench -DskipUnitTests} (H2 file under
 * {@code target/bench-data}, fresh each run) or {@code -Pbench,postgresql} (schema {@code
 * licensesync_bench}, dropped and created again each run; never the ITs' {@code licensesync_it}).
 *
 * <p>Steps: create an enterprise, provision members (every member's verified email is the primary
 * email of every 5th Server account, half of them in different case), connect an instance, upload
 * the usage of {@code bench.accounts} accounts (streamed: {@code BodyPublishers.ofInputStream} over
 * a {@link PipedInputStream} that a writer thread fills with {@link LicenseUsageWriter}), read the
 * first page of consumed licenses, upload the same accounts again under a new upload id, read the
 * first page again, upload them again with one account in a hundred given another email, one in a
 * hundred left out and as many new ones, measure the floor in the same run (the same rows loaded
 * into a scratch table with COPY on PostgreSQL or JDBC batches on H2, plus the matching join in
 * plain SQL: {@link BenchSupport#floor}) and print each upload's time beside it with the ratio,
 * stream the CSV report. Server heap via {@code jcmd GC.heap_info} between the steps, resident set
 * size from {@code /proc}, load average from {@code /proc/loadavg}.
 *
 * <p>System properties: {@code bench.accounts} (100000), {@code bench.members} (accounts / 5),
 * {@code bench.datasource.url} (overrides the database), {@code bench.pg.schema} ({@code
 * licensesync_bench}), {@code bench.changeEvery} (100: the third upload gives one account in this
 * many another email, removes one and adds as many; at least 14), {@code bench.config.<key>} (a
 * configuration key of the server, e.g. {@code
 * -Dbench.config.licensesync.cloud.scoped-upload-limit=0} to match everyone on every upload),
 * {@code bench.dumpAfterSeconds} (120: an upload still running after this long gets a thread dump
 * of the server every {@code bench.dumpEverySeconds}, 30 s, in {@code target/bench-dumps}). The
 * server's GC log is switched on after start ({@code jcmd VM.log}) and written to {@code
 * target/bench-gc-<pid>.log}; each step reports its peak heap from it. {@code bench.settle} (true:
 * on PostgreSQL the reads start once the uploads' autovacuum has ended and a checkpoint has written
 * their WAL out, at most {@code bench.settleSeconds}, 600, later; {@link DatabaseActivity}); each
 * read's row says whether autovacuum or a checkpoint ran beside it.
 */
class UploadBenchmark {

  private final BenchSupport bench = new BenchSupport();
  private final int accounts = Integer.getInteger("bench.accounts", 100_000);
  private final int members = Integer.getInteger("bench.members", Math.max(1, accounts / 5));
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private PayaraMicroProcess server;
  private Api operator;
  private String database = "";

  @Test
  void cloudUploadOf100kAccounts() throws Exception {
    String database = bench.database();
    String operatorToken = "bench-operator-" + UUID.randomUUID();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("licensesync.cloud.operator-token", operatorToken);
    bench.figure("accounts / members", accounts + " / " + members);

    bench.onServer(
        database,
        config,
        "bench",
        "license-sync Cloud upload benchmark",
        started -> {
          server = started;
          run(operatorToken, database);
        });
  }

  private void run(String operatorToken, String database) throws Exception {
    this.database = database;
    Api api = Api.at(server.url());
    operator = api.withAuthorization("Bearer " + operatorToken);
    bench.figure("heap after start", bench.heap());
    bench.startGcLog();

    Reply created =
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\"bench\",\"name\":\"Bench\",\"seats_purchased\":"
                + (accounts + members + 1)
                + ","
                + "\"verified_domains\":[\"bench.example\"],\"owner\":{\"login\":\"owner1\","
                + "\"emails\":[{\"email\":\"owner1@bench.example\",\"verified\":true}],\"org_roles\":[\"bench:Owner\"]}}");
    require(201, created, "create the enterprise");
    String ownerToken = created.json().get("owner_token").asText();
    Api owner = api.withAuthorization("Bearer " + ownerToken);

    long t = System.nanoTime();
    for (int from = 1; from <= members; from += 10_000) {
      require(
          200,
          owner.post(
              "cloud/api/enterprises/bench/members",
              membersJson(from, Math.min(members, from + 9_999))),
          "provision members " + from + "…");
    }
    long provisioned = System.nanoTime() - t;
    bench.figure("provision " + members + " members (10,000 per POST)", seconds(provisioned));
    bench.gc();
    // issue 13's members target is read from this step too: into the table and the history
    BenchTable.add(
        new BenchTable.Row(
            "members: provision new, 10000 per POST (before the upload)",
            BenchTable.size(members),
            provisioned,
            0,
            bench.peakAfterGc(),
            0,
            0,
            "the enterprise has no Server accounts yet"));

    String serverId = "bench-ghes-1";
    Reply connected =
        owner.post(
            "cloud/api/enterprises/bench/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.bench.example\",\"version\":\"3.17.0\"}");
    require(201, connected, "connect the instance");
    String credential = connected.json().get("credential").asText();
    bench.figure("load average before upload 1", BenchSupport.loadAverage());

    String profile = bench.profileStart("upload 1");
    Upload first = upload(serverId, credential, "bench-upload-1", 0);
    bench.profileStop(profile);
    record("(1) upload " + accounts + " accounts", first);
    bench.figure("heap after upload 1", bench.heap() + bench.gc());
    String firstHeap = bench.peakAfterGc();

    pageOne(owner, "(2) GET consumed-licenses page 1, per_page=100");
    bench.figure("load average before upload 2", BenchSupport.loadAverage());

    Upload second = upload(serverId, credential, "bench-upload-2", 0);
    record("(3) re-upload same accounts, new upload id", second);
    bench.figure("heap after upload 2", bench.heap() + bench.gc());
    String secondHeap = bench.peakAfterGc();
    pageOne(owner, "    (3) GET page 1 after re-upload");

    // a week's change: one account in a hundred has another primary email, one in a hundred left,
    // as many arrived
    Upload third = upload(serverId, credential, "bench-upload-3", changeEvery);
    record(
        "(3b) re-upload, 1 account in " + changeEvery + " with another email, 1 gone, 1 new",
        third);
    bench.figure("heap after upload 3", bench.heap() + bench.gc());
    String thirdHeap = bench.peakAfterGc();

    BenchSupport.Floor floor =
        bench.floor(
            database,
            id -> {
              LicenseUsageDocument.Account account = account(id);
              String primary = account.primaryEmail().orElse(null);
              return new BenchSupport.FloorRow(
                  account.id(),
                  primary,
                  primary == null ? null : Emails.keyOf(primary),
                  String.join(
                      " ",
                      account.emails().stream()
                          .filter(e -> !e.primary())
                          .map(LicenseUsageDocument.Email::email)
                          .toList()));
            },
            accounts,
            UploadBenchmark::memberEmail,
            members);
    bench.figure(
        "(F) floor: load " + accounts + " rows (" + floor.how() + ")", seconds(floor.loadNanos()));
    bench.figure(
        "(F) floor: matching join",
        seconds(floor.joinNanos()) + "  (" + floor.matched() + " accounts matched)");
    bench.figure("(F) floor: total", seconds(floor.total()));
    BenchSupport.Writes writes = floor.writes();
    long writesFloor = writes == null ? 0 : floor.loadNanos() + writes.total();
    if (writes != null) {
      bench.figure(
          "(F) floor of the upload's other writes",
          "consumed licenses "
              + seconds(writes.licensesNanos())
              + ", matched accounts' members "
              + seconds(writes.statesNanos())
              + ", since when "
              + seconds(writes.seenNanos())
              + " (as many rows, as wide, COPY'd in index order into copies of the tables with"
              + " their indexes; the matched accounts' members inserted from the join)");
      bench.figure(
          "(F) floor of all a first upload's writes",
          seconds(writesFloor)
              + " (the load and the writes above) = "
              + BenchSupport.ratio(writesFloor, floor.total())
              + " the floor");
    }
    bench.figure(
        "(1) ingest / floor",
        seconds(first.response() - first.firstByte())
            + " / "
            + seconds(floor.total())
            + " = "
            + BenchSupport.ratio(first.response() - first.firstByte(), floor.total()));
    bench.figure(
        "(3) ingest / floor",
        seconds(second.response() - second.firstByte())
            + " / "
            + seconds(floor.total())
            + " = "
            + BenchSupport.ratio(second.response() - second.firstByte(), floor.total()));

    String size = BenchTable.size(accounts);
    BenchTable.add(
        new BenchTable.Row(
            "Cloud upload (ingest + matching)",
            size,
            first.response() - first.firstByte(),
            floor.total(),
            firstHeap,
            0,
            0,
            members + " members; floor " + floor.how() + " + join"));
    if (writes != null) {
      BenchTable.add(
          new BenchTable.Row(
              "Cloud upload against the floor of its own writes",
              size,
              first.response() - first.firstByte(),
              writesFloor,
              firstHeap,
              0,
              0,
              "floor: the accounts, then as many consumed licenses and since-when rows, each"
                  + " COPY'd into a table with the product's indexes, and a row per matched"
                  + " account"));
    }
    BenchTable.add(
        new BenchTable.Row(
            "Cloud re-upload, same accounts",
            size,
            second.response() - second.firstByte(),
            floor.total(),
            secondHeap,
            0,
            0,
            "only what changed is written and matched again"));
    String share = 100 % changeEvery == 0 ? 100 / changeEvery + "%" : "1 in " + changeEvery;
    BenchTable.add(
        new BenchTable.Row(
            "Cloud re-upload, "
                + share
                + " of accounts changed, "
                + share
                + " removed, "
                + share
                + " added",
            size,
            third.response() - third.firstByte(),
            floor.total(),
            thirdHeap,
            0,
            0,
            3 * (accounts / changeEvery) + " accounts changed"));

    csv(owner, ownerToken);
    bench.figure("(4) heap after CSV report", bench.heap() + bench.gc());
    reads(ownerToken, database);
  }

  // ---------------------------------------------------------------------------- reads under load

  /**
   * The reads under load ({@link LoadGenerator}: {@code bench.clients}, 16, concurrent clients,
   * {@code bench.requestsPerClient}, 1000, requests each — a p99 of 16,000 answers, not of the
   * 3,200 a second gave before 2026-12-07; the CSV report {@code bench.csvClients}, 4, clients of 2
   * requests): consumed licenses, first and a deep page (page 9,000 of 100, or the last page when
   * there are fewer), license sync status, the CSV report, the licensing page.
   */
  private void reads(String ownerToken, String database) throws Exception {
    int clients = Integer.getInteger("bench.clients", 16);
    int perClient = Integer.getInteger("bench.requestsPerClient", 1000);
    int csvClients = Integer.getInteger("bench.csvClients", 4);
    URI base = server.url().toURI();
    Map<String, String> api =
        Map.of("Authorization", "Bearer " + ownerToken, "Accept", "application/vnd.github+json");
    long people =
        Api.JSON
            .readTree(
                http.send(
                        HttpRequest.newBuilder(
                                base.resolve(
                                    "cloud/api/enterprises/bench/consumed-licenses?per_page=1"))
                            .header("Authorization", "Bearer " + ownerToken)
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("total_seats_consumed")
            .asLong();
    int deep = (int) Math.min(9000, Math.max(1, (people + 99) / 100));
    String licenses = "cloud/api/enterprises/bench/consumed-licenses?per_page=100&page=";
    if (Boolean.parseBoolean(System.getProperty("bench.settle", "true"))) {
      // the uploads' autovacuum and checkpoint would run during the first reads: wait for them
      bench.figure(
          "(6) database settled before the reads",
          DatabaseActivity.settle(database, Integer.getInteger("bench.settleSeconds", 600)));
    }
    long floor = readFloors(base, database, deep, people, clients, perClient);
    read(
        api,
        "GET consumed-licenses page 1 (per_page 100)",
        base.resolve(licenses + 1),
        people,
        clients,
        perClient,
        floor);
    read(
        api,
        "GET consumed-licenses page " + deep + " (per_page 100)",
        base.resolve(licenses + deep),
        people,
        clients,
        perClient,
        floor);
    read(
        api,
        "GET license-sync-status",
        base.resolve("cloud/api/enterprises/bench/license-sync-status"),
        people,
        clients,
        perClient,
        floor);
    // the report answers text/csv only: asked for with the GitHub JSON type it is 406
    Map<String, String> csvApi =
        Map.of("Authorization", "Bearer " + ownerToken, "Accept", "text/csv");
    read(
        csvApi,
        "GET consumed-licenses CSV report, all rows",
        base.resolve("cloud/api/enterprises/bench/consumed-licenses/report"),
        people,
        csvClients,
        2,
        0);
    Map<String, String> pages = LoadGenerator.cloudPages(base, "bench", ownerToken);
    read(
        pages,
        "GET licensing page (/cloud/licensing.xhtml)",
        base.resolve("cloud/licensing.xhtml"),
        people,
        clients,
        perClient / 5,
        floor);
    // the People page: the people found, the likely duplicates, the decisions, the seat history
    read(
        pages,
        "GET People page (/cloud/seats.xhtml)",
        base.resolve("cloud/seats.xhtml"),
        people,
        clients,
        perClient / 5,
        floor);
    // and one Server-only person's explanation on it (account 3 stays in every upload)
    URI person =
        base.resolve(
            "cloud/seats.xhtml?person="
                + PersonIds.serverOnlyByKey(Emails.keyOf("ghe-user3@ghe.bench.example")));
    requirePerson(pages, person);
    read(
        pages,
        "GET a person's explanation (/cloud/seats.xhtml?person=...)",
        person,
        people,
        clients,
        perClient / 5,
        floor);
    // what the pages' sessions and caches keep: the reads' garbage is gone after a full collection
    bench.figure("(6) live heap after the reads (full GC)", bench.liveHeap());
  }

  /** The People page at {@code person} explains that person (the read measures a found one). */
  private static void requirePerson(Map<String, String> headers, URI person) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(person).GET();
    headers.forEach(request::header);
    HttpResponse<String> page =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200 || !page.body().contains("id=\"personWhere\"")) {
      throw new IllegalStateException(
          "the People page did not explain the person at " + person + ": " + page.statusCode());
    }
  }

  /**
   * The floors of the reads, with the same clients: the server's cheapest answer ({@code
   * health/live}: HTTP, the container, no database), and on PostgreSQL the rows of the deep page
   * read with plain JDBC (a connection per client). Each is a row of the table; answers the first's
   * p50, the floor of the API reads.
   */
  private long readFloors(
      URI base, String database, int deep, long people, int clients, int perClient)
      throws Exception {
    LoadGenerator.Result health;
    String background;
    try (LoadGenerator plain = new LoadGenerator(Map.of());
        DatabaseActivity activity = DatabaseActivity.watch(database)) {
      health = plain.run(base.resolve("health/live"), clients, perClient);
      background = activity == null ? "" : "; " + activity.describe();
    }
    floorRow(
        "floor: GET /health/live (HTTP and the container only)",
        health,
        people,
        clients,
        background);
    if (database.startsWith("jdbc:postgresql:")) {
      java.sql.Connection[] connections = new java.sql.Connection[clients];
      try {
        for (int i = 0; i < clients; i++) {
          connections[i] =
              java.sql.DriverManager.getConnection(
                  database, BenchSupport.user(), BenchSupport.password());
        }
        int from = (deep - 1) * 100;
        long enterpriseId;
        try (java.sql.Statement s = connections[0].createStatement();
            java.sql.ResultSet id =
                s.executeQuery("SELECT id FROM enterprise WHERE slug = 'bench'")) {
          id.next();
          enterpriseId = id.getLong(1);
        }
        LoadGenerator.Result jdbc =
            LoadGenerator.measure(
                clients,
                perClient,
                client -> {
                  try (java.sql.PreparedStatement page =
                      connections[client].prepareStatement(
                          "SELECT c.* FROM consumed_license c WHERE c.enterprise_id = ?"
                              + " AND c.sort_key >= (SELECT a.sort_key FROM"
                              + " consumed_license_anchor a WHERE a.enterprise_id = ?"
                              + " AND a.ordinal = ?) ORDER BY c.sort_key"
                              + " FETCH FIRST 100 ROWS ONLY")) {
                    page.setLong(1, enterpriseId);
                    page.setLong(2, enterpriseId);
                    page.setInt(3, from / 100);
                    int rows = 0;
                    try (java.sql.ResultSet r = page.executeQuery()) {
                      int columns = r.getMetaData().getColumnCount();
                      while (r.next()) {
                        for (int c = 1; c <= columns; c++) {
                          r.getString(c);
                        }
                        rows++;
                      }
                    }
                    return rows > 0 ? 200 : 404;
                  }
                });
        floorRow(
            "floor: page " + deep + "'s rows with plain JDBC, a connection per client",
            jdbc,
            people,
            clients,
            "");
      } finally {
        for (java.sql.Connection c : connections) {
          if (c != null) {
            c.close();
          }
        }
      }
    }
    return health.p50();
  }

  private void floorRow(
      String label, LoadGenerator.Result result, long people, int clients, String background) {
    bench.figure("(6) " + label + ", " + clients + " clients", result.describe() + background);
    BenchTable.add(
        new BenchTable.Row(
            label + ", " + clients + " clients",
            BenchTable.size(people),
            result.p50(),
            0,
            "",
            result.p50(),
            result.p99(),
            result.requests() + " requests" + background));
    if (result.errors() > 0) {
      throw new IllegalStateException(label + ": " + result.errors() + " answers were not 200");
    }
  }

  /** One read under load, with a {@link LoadGenerator} whose requests carry {@code headers}. */
  private void read(
      Map<String, String> headers,
      String label,
      URI uri,
      long people,
      int clients,
      int perClient,
      long floorNanos)
      throws Exception {
    bench.gcMark();
    String profile = bench.profileStart(label);
    LoadGenerator.Result result;
    String background;
    try (LoadGenerator load = new LoadGenerator(headers);
        DatabaseActivity activity = DatabaseActivity.watch(database)) {
      result = load.run(uri, clients, perClient);
      background = activity == null ? "" : "; " + activity.describe();
    }
    bench.profileStop(profile);
    bench.figure(
        "(6) " + label + ", " + clients + " clients", result.describe() + bench.gc() + background);
    BenchTable.add(
        new BenchTable.Row(
            label + ", " + clients + " clients",
            BenchTable.size(people),
            result.p50(),
            floorNanos,
            bench.peakAfterGc(),
            result.p50(),
            result.p99(),
            result.requests()
                + " requests"
                + (floorNanos == 0 ? "" : "; floor = p50 of GET /health/live")
                + (result.errors() == 0 ? "" : ", " + result.errors() + " NOT 200")
                + background));
    if (result.errors() > 0) {
      throw new IllegalStateException(label + ": " + result.errors() + " answers were not 200");
    }
  }

  // ---------------------------------------------------------------------------------------- upload

  /** What one upload measured (System.nanoTime() instants). */
  private record Upload(
      int status,
      long sent,
      long firstByte,
      long lastByte,
      long response,
      long bytes,
      String body) {}

  private void record(String label, Upload u) {
    String receipt = u.body().length() > 300 ? u.body().substring(0, 300) + "…" : u.body();
    bench.figure(
        label,
        seconds(u.response() - u.firstByte())
            + "  (status "
            + u.status()
            + ", "
            + u.bytes() / 1024
            + " KiB body"
            + (u.lastByte() == 0
                ? ", body not fully sent"
                : ", last byte sent after "
                    + seconds(u.lastByte() - u.firstByte())
                    + ", answer "
                    + seconds(u.response() - u.lastByte())
                    + " after the last byte")
            + ")");
    bench.figure("    receipt " + label.substring(0, 3), receipt);
    if (u.status() / 100 != 2) {
      throw new IllegalStateException(label + " failed: " + u.status() + " " + receipt);
    }
  }

  /**
   * The third upload gives every this-many-th account another primary email, leaves out as many
   * others and adds as many new ones.
   */
  private final int changeEvery = Math.max(14, Integer.getInteger("bench.changeEvery", 100));

  private Upload upload(String serverId, String credential, String uploadId, int changeEvery)
      throws Exception {
    PipedInputStream pipe = new PipedInputStream(1 << 16);
    PipedOutputStream sink = new PipedOutputStream(pipe);
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = new BufferedOutputStream(sink, 1 << 16);
                  LicenseUsageWriter usage =
                      new LicenseUsageWriter(out, metadata(serverId, uploadId))) {
                for (int id = 1; id <= accounts; id++) {
                  if (changeEvery == 0 || id % changeEvery != 13) {
                    usage.account(account(id, changeEvery));
                  }
                }
                // as many new accounts as were removed
                for (int id = accounts + 1;
                    changeEvery > 0 && id <= accounts + accounts / changeEvery;
                    id++) {
                  usage.account(account(id));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "bench-usage-writer");
    AtomicLong firstByte = new AtomicLong();
    AtomicLong lastByte = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    InputStream counted =
        new FilterInputStream(pipe) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              firstByte.compareAndSet(0, System.nanoTime());
              bytes.addAndGet(n);
            } else if (n < 0) {
              lastByte.compareAndSet(0, System.nanoTime());
            }
            return n;
          }
        };
    HttpRequest request =
        HttpRequest.newBuilder(
                server
                    .url()
                    .toURI()
                    .resolve(
                        "cloud/api/enterprises/bench/server-instances/"
                            + serverId
                            + "/license-usage-uploads/"
                            + uploadId))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Bearer " + credential)
            .header("Content-Type", "application/json")
            .header("Accept", "application/vnd.github+json")
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> counted))
            .build();
    Thread watchdog = bench.watchdog(uploadId);
    writer.start();
    long sent = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } finally {
      watchdog.interrupt();
    }
    long received = System.nanoTime();
    writer.join(TimeUnit.SECONDS.toMillis(30));
    long first = firstByte.get() == 0 ? sent : firstByte.get();
    return new Upload(
        response.statusCode(), sent, first, lastByte.get(), received, bytes.get(), response.body());
  }

  private static LicenseUsageDocument.Metadata metadata(String serverId, String uploadId) {
    return new LicenseUsageDocument.Metadata(
        uploadId, serverId, "ghe.bench.example", "3.17.0", null, null, List.of(), Instant.now());
  }

  /**
   * Account {@code id}: every 5th one's primary email is member {@code id / 5}'s verified email
   * (odd members' in upper case); the others are Server-only; every 10th has a second email.
   */
  private LicenseUsageDocument.Account account(int id) {
    return account(id, 0);
  }

  /** Account {@code id}, with another primary email when it is a {@code changeEvery}-th one. */
  private LicenseUsageDocument.Account account(int id, int changeEvery) {
    if (changeEvery > 0 && id % changeEvery == 7) {
      return new LicenseUsageDocument.Account(
          id, List.of(new LicenseUsageDocument.Email("moved" + id + "@ghe.bench.example", true)));
    }
    List<LicenseUsageDocument.Email> emails = new ArrayList<>(2);
    int member = id / 5;
    if (id % 5 == 0 && member <= members) {
      String email = memberEmail(member);
      emails.add(
          new LicenseUsageDocument.Email(
              member % 2 == 1 ? email.toUpperCase(Locale.ROOT) : email, true));
    } else {
      emails.add(new LicenseUsageDocument.Email("ghe-user" + id + "@ghe.bench.example", true));
    }
    if (id % 10 == 0) {
      emails.add(
          new LicenseUsageDocument.Email("user" + id + "@users.noreply.ghe.bench.example", false));
    }
    return new LicenseUsageDocument.Account(id, emails);
  }

  private static String memberEmail(int member) {
    return "person" + member + "@bench.example";
  }

  private String membersJson(int from, int to) {
    ArrayNode array = Api.JSON.createArrayNode();
    for (int i = from; i <= to; i++) {
      ObjectNode m = array.addObject();
      m.put("login", "member-" + i);
      m.put("name", "Member " + i);
      m.putArray("emails").addObject().put("email", memberEmail(i)).put("verified", true);
      m.put("enterprise_role", "member");
      m.putArray("org_roles").add("bench:Member");
      m.put("two_factor", true);
    }
    return array.toString();
  }

  // ------------------------------------------------------------------------------------------
  // reads

  private void pageOne(Api owner, String label) {
    long t = System.nanoTime();
    Reply page = owner.get("cloud/api/enterprises/bench/consumed-licenses?per_page=100&page=1");
    long elapsed = System.nanoTime() - t;
    require(200, page, label);
    JsonNode json = page.json();
    bench.figure(
        label,
        millis(elapsed)
            + "  (total_seats_consumed "
            + json.path("total_seats_consumed").asText()
            + ", users "
            + json.path("users").size()
            + ", "
            + page.body().length()
            + " bytes)");
    t = System.nanoTime();
    Reply again = owner.get("cloud/api/enterprises/bench/consumed-licenses?per_page=100&page=1");
    String tag = label.startsWith("(") ? label.substring(0, 3) + " " : "(3) ";
    bench.figure(
        "    " + tag + "same GET again (warm)",
        millis(System.nanoTime() - t) + "  (status " + again.status() + ")");
    long last = Math.max(1, (json.path("total_seats_consumed").asLong() + 99) / 100);
    t = System.nanoTime();
    Reply lastPage =
        owner.get("cloud/api/enterprises/bench/consumed-licenses?per_page=100&page=" + last);
    bench.figure(
        "    " + tag + "GET last page (" + last + ")",
        millis(System.nanoTime() - t) + "  (status " + lastPage.status() + ")");
  }

  private void csv(Api owner, String ownerToken) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(owner.uri("cloud/api/enterprises/bench/consumed-licenses/report"))
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", "Bearer " + ownerToken)
            .GET()
            .build();
    long t = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long headers = System.nanoTime();
    long bytes = 0;
    long lines = 0;
    long firstByte = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (firstByte == 0) {
          firstByte = System.nanoTime();
        }
        bytes += n;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    long done = System.nanoTime();
    bench.figure(
        "(5) CSV report, streamed",
        millis(done - t)
            + "  (status "
            + response.statusCode()
            + ", headers after "
            + millis(headers - t)
            + ", first byte after "
            + millis((firstByte == 0 ? done : firstByte) - t)
            + ", "
            + lines
            + " lines, "
            + bytes / 1024
            + " KiB)");
  }
}
