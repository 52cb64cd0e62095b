package io.licensesync.bench;

import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.PayaraMicroProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a benchmark needs around the Payara Micro process it measures, shared by {@link
 * UploadBenchmark} and {@link SyncNowBenchmark}: a fresh database (H2 file under {@code
 * target/bench-data}, or a schema named {@code licensesync_bench*}, dropped and created again), the
 * server's heap via {@code jcmd GC.heap_info}, its GC log switched on after start ({@code jcmd
 * VM.log}) and read step by step, resident set size from {@code /proc}, load average, thread dumps
 * while a step runs too long, and the figures table printed and appended to {@code
 * target/bench-results.txt}.
 */
final class BenchSupport {

  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final Pattern GC_LINE =
      Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

  final Path target = Path.of(System.getProperty("it.buildDirectory", "target"));
  private final long dumpAfterSeconds = Long.getLong("bench.dumpAfterSeconds", 120);
  private final long dumpEverySeconds = Math.max(1, Long.getLong("bench.dumpEverySeconds", 30));
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private PayaraMicroProcess server;
  private Path gcLog;
  private int gcLinesSeen;
  private long lastPeakAfterGc = -1;

  void attach(PayaraMicroProcess server) {
    this.server = server;
  }

  void note(String note) {
    notes.add(note);
  }

  // ------------------------------------------------------------------------------------
  // diagnostics

  /**
   * Dumps the server's threads into target/bench-dumps every 30 s once {@code step} runs too long;
   * interrupt it when done.
   */
  Thread watchdog(String step) {
    Thread thread =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(dumpAfterSeconds));
                Path dumps = Files.createDirectories(target.resolve("bench-dumps"));
                for (int i = 1; ; i++) {
                  Path file = dumps.resolve(step + "-" + i + ".txt");
                  Files.writeString(
                      file,
                      "load "
                          + loadAverage()
                          + ", "
                          + heap()
                          + ", RSS "
                          + rss()
                          + "\n"
                          + jcmd("Thread.print"));
                  notes.add(
                      step
                          + " still running after "
                          + (dumpAfterSeconds + dumpEverySeconds * (i - 1))
                          + " s; thread dump in "
                          + file);
                  Thread.sleep(TimeUnit.SECONDS.toMillis(dumpEverySeconds));
                }
              } catch (InterruptedException e) {
                // the step finished
              } catch (IOException e) {
                notes.add("thread dump failed: " + e);
              }
            },
            "bench-watchdog-" + step);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Switches the server's GC log on (one jcmd call), so peak heap and pauses can be read per step.
   */
  void startGcLog() {
    gcLog = target.resolve("bench-gc-" + server.pid() + ".log").toAbsolutePath();
    String out = jcmd("VM.log output=file=" + gcLog + " what=gc=info decorators=uptime");
    if (!Files.exists(gcLog)) {
      notes.add("could not switch the GC log on: " + out.strip());
      gcLog = null;
    }
  }

  /** Forgets the GC log lines so far, so the next {@link #gc()} covers only what follows. */
  void gcMark() {
    gc();
  }

  /**
   * Since the last call: GC pauses, their total time, the heap before the fullest collection (live
   * data plus garbage: an upper bound), the most the heap held after a collection (what was still
   * reachable, or not yet collected, at that point), full GCs.
   */
  String gc() {
    if (gcLog == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(gcLog);
      List<String> fresh = lines.subList(Math.min(gcLinesSeen, lines.size()), lines.size());
      gcLinesSeen = lines.size();
      lastPeakAfterGc = -1;
      int pauses = 0;
      int full = 0;
      double pauseMs = 0;
      long peak = 0;
      long peakAfter = 0;
      for (String line : fresh) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          pauses++;
          pauseMs += Double.parseDouble(m.group(4));
          peak = Math.max(peak, Long.parseLong(m.group(1)));
          peakAfter = Math.max(peakAfter, Long.parseLong(m.group(2)));
          if (line.contains("Pause Full")) {
            full++;
          }
        }
      }
      lastPeakAfterGc = pauses == 0 ? -1 : peakAfter;
      if (pauses == 0) {
        return "; during the step: no GC ran (the step allocated less than the young generation)";
      }
      return "; during the step: peak heap "
          + peak
          + " MiB before a GC, max "
          + peakAfter
          + " MiB after a GC, "
          + pauses
          + " GC pauses, "
          + String.format(Locale.ROOT, "%.0f", pauseMs)
          + " ms paused, "
          + full
          + " full GCs";
    } catch (IOException e) {
      return "; GC log unreadable: " + e;
    }
  }

  /**
   * The most the heap held after a collection during the step {@link #gc()} last read, for the one
   * table; "no GC" when none ran.
   */
  String peakAfterGc() {
    return lastPeakAfterGc < 0 ? "no GC" : lastPeakAfterGc + " MiB";
  }

  /**
   * A full collection in the server ({@code jcmd GC.run}), then its heap: the live data at this
   * point.
   */
  String liveHeap() {
    jcmd("GC.run");
    return heap();
  }

  String heap() {
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP.matcher(info);
    long total = 0;
    long used = 0;
    while (m.find()) {
      total += Long.parseLong(m.group(1));
      used += Long.parseLong(m.group(2));
    }
    return total == 0
        ? "unknown (" + info.strip().lines().findFirst().orElse("") + ")"
        : "used " + used / 1024 + " MiB of " + total / 1024 + " MiB committed (max 768 MiB)";
  }

  /**
   * With {@code -Dbench.jfr=true}, starts a Java Flight Recorder recording (profile settings) of
   * the server for {@code step}; returns its name, or null when profiling is off. {@link
   * #profileStop} writes it to {@code target/bench-jfr/<step>.jfr}.
   */
  String profileStart(String step) {
    if (!Boolean.getBoolean("bench.jfr")) {
      return null;
    }
    String name = step.replaceAll("[^A-Za-z0-9]+", "-");
    String out = jcmd("JFR.start name=" + name + " settings=profile");
    if (!out.contains("Started recording")) {
      note("JFR of " + step + " not started: " + out.strip());
      return null;
    }
    return name;
  }

  /** Stops the recording {@code name} ({@link #profileStart}) and writes it beside the results. */
  void profileStop(String name) {
    if (name == null) {
      return;
    }
    try {
      Path file = Files.createDirectories(target.resolve("bench-jfr")).resolve(name + ".jfr");
      String out = jcmd("JFR.stop name=" + name + " filename=" + file.toAbsolutePath());
      figure(
          "    JFR of " + name,
          file + (Files.exists(file) ? "" : " (not written: " + out.strip() + ")"));
    } catch (IOException e) {
      note("JFR recording " + name + " not written: " + e);
    }
  }

  String jcmd(String command) {
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(server.pid()),
                  command)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "jcmd failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  String rss() {
    try {
      String status = Files.readString(Path.of("/proc", Long.toString(server.pid()), "status"));
      return kib(status, "VmRSS") + " / " + kib(status, "VmHWM");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String kib(String status, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + ":\\s+(\\d+) kB").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) / 1024 + " MiB" : "?";
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0]
          + " "
          + parts[1]
          + " "
          + parts[2]
          + " ("
          + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------------------------------
  // database

  /**
   * The database for this run, fresh: an H2 file under target/bench-data, or a licensesync_bench*
   * schema.
   */
  String database() throws Exception {
    String url = System.getProperty("bench.datasource.url", "");
    if (url.isBlank()) {
      String it = System.getProperty("it.datasource.url", "");
      if (it.startsWith("jdbc:postgresql:")) {
        String schema = System.getProperty("bench.pg.schema", "licensesync_bench");
        url = it.replaceAll("currentSchema=[^&]*", "currentSchema=" + schema);
        if (!url.contains("currentSchema=")) {
          url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
      } else {
        Path data = target.resolve("bench-data");
        deleteTree(data);
        url =
            "jdbc:h2:file:"
                + data.toAbsolutePath().resolve("license-sync")
                + ";DB_CLOSE_ON_EXIT=FALSE";
      }
    }
    BenchTable.database(url);
    if (url.startsWith("jdbc:postgresql:")) {
      Matcher schema = Pattern.compile("currentSchema=([A-Za-z0-9_]+)").matcher(url);
      if (!schema.find() || !schema.group(1).startsWith("licensesync_bench")) {
        throw new IllegalStateException(
            "the benchmark drops its schema; it only uses schemas named licensesync_bench*: "
                + url);
      }
      try (Connection c = DriverManager.getConnection(url, user(), password());
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema.group(1) + " CASCADE");
        s.execute("CREATE SCHEMA " + schema.group(1));
      }
    }
    return url;
  }

  static String user() {
    return System.getProperty(
        "bench.datasource.user", System.getProperty("it.datasource.user", "sa"));
  }

  static String password() {
    return System.getProperty(
        "bench.datasource.password", System.getProperty("it.datasource.password", ""));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  // -----------------------------------------------------------------------------------------
  // output

  static void require(int status, Reply reply, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(
          what
              + ": expected "
              + status
              + ", got "
              + reply.toString().substring(0, Math.min(2000, reply.toString().length())));
    }
  }

  /** What a benchmark measures on its server. */
  interface Steps {
    void run(PayaraMicroProcess server) throws Exception;
  }

  /**
   * Starts the WAR with {@code config} on {@code database} as the process {@code name}, runs {@code
   * steps} on it, and whatever happens, notes a failure, the resident set and the load, prints the
   * table under {@code title} and stops the server.
   */
  /**
   * The prefix of system properties passed on to the server as configuration ({@link #onServer}).
   */
  static final String CONFIG = "bench.config.";

  void onServer(String database, Map<String, String> config, String name, String title, Steps steps)
      throws Exception {
    config.put("licensesync.datasource.url", database);
    config.put("licensesync.datasource.user", user());
    config.put("licensesync.datasource.password", password());
    // -Dbench.config.<key>=<value> sets a configuration key of the server for this run
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith(CONFIG) && k.length() > CONFIG.length())
        .sorted()
        .forEach(
            k -> {
              config.put(k.substring(CONFIG.length()), System.getProperty(k));
              figure(
                  "server configuration",
                  k.substring(CONFIG.length()) + "=" + System.getProperty(k));
            });
    figure("database", database.replaceAll(";.*", ""));
    figure("load average at start", loadAverage());
    long started = System.nanoTime();
    PayaraMicroProcess server =
        PayaraMicroProcess.startFullyCompiled(
            io.licensesync.testing.Deployments.licenseSync(config), name);
    attach(server);
    try {
      figure("payara micro start (-Xmx768m)", seconds(System.nanoTime() - started));
      figure("server pid / log", server.pid() + " / " + server.log());
      steps.run(server);
    } catch (RuntimeException | Error e) {
      note("FAILED: " + e);
      throw e;
    } finally {
      figure("server RSS now / peak (VmHWM)", rss());
      figure("load average at end", loadAverage());
      report(title);
      server.close();
    }
  }

  void figure(String label, String value) {
    figures.put(label, value);
    System.out.printf("[bench] %-52s %s%n", label, value);
  }

  // ---------------------------------------------------------------------------------------
  // the floor

  /** One scratch row: an account as {@code instance_account} stores it. */
  record FloorRow(long accountId, String primaryEmail, String primaryKey, String otherEmails) {}

  /**
   * What the database itself needs for an ingest: loading the rows, and the matching join; and
   * {@code writes}, the rows an applied upload must store besides the accounts (null when not
   * measured).
   */
  record Floor(long loadNanos, long joinNanos, String how, long matched, Writes writes) {
    long total() {
      return loadNanos + joinNanos;
    }
  }

  /**
   * How long the other rows an instance's first upload stores took to COPY, one per account, into
   * tables made {@code LIKE} the product's with their indexes: a consumed license per person (in
   * sort-key order, as matching writes them), a row per matched account and its member (V27), and
   * since when each person counts. Nothing of the product runs; the rows are rolled back.
   */
  record Writes(long licensesNanos, long statesNanos, long seenNanos) {
    long total() {
      return licensesNanos + statesNanos + seenNanos;
    }
  }

  /**
   * The floor of an ingest, measured in the same run on the same database: the same rows loaded
   * into a scratch table shaped like {@code instance_account} (COPY through the driver on
   * PostgreSQL, plain JDBC batches on H2 — a scratch H2 file of its own, since the server holds the
   * benchmark's), then the matching join of their keys against the members' verified email keys.
   * {@code memberEmailKeys} are not timed; the scratch tables are dropped afterwards.
   */
  Floor floor(
      String url,
      java.util.function.IntFunction<FloorRow> rows,
      int count,
      java.util.function.IntFunction<String> memberEmailKeys,
      int members)
      throws Exception {
    boolean pg = url.startsWith("jdbc:postgresql:");
    String scratch =
        pg
            ? url
            : "jdbc:h2:file:"
                + target.resolve("bench-floor").toAbsolutePath().resolve("floor")
                + ";DB_CLOSE_ON_EXIT=FALSE";
    if (!pg) {
      deleteTree(target.resolve("bench-floor"));
    }
    try (Connection c = DriverManager.getConnection(scratch, user(), password());
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS floor_account");
      s.execute("DROP TABLE IF EXISTS floor_member_email");
      s.execute(
          "CREATE TABLE floor_account (instance_id BIGINT NOT NULL, account_id BIGINT NOT NULL,"
              + " primary_email VARCHAR(320), primary_key VARCHAR(320),"
              + " other_emails VARCHAR(4000) NOT NULL, PRIMARY KEY (instance_id, account_id))");
      s.execute("CREATE INDEX floor_account_primary ON floor_account (primary_key)");
      s.execute(
          "CREATE TABLE floor_member_email (member_id BIGINT NOT NULL,"
              + " address_key VARCHAR(320) NOT NULL, verified BOOLEAN NOT NULL,"
              + " PRIMARY KEY (member_id, address_key))");
      s.execute("CREATE INDEX floor_member_email_key ON floor_member_email (address_key)");
      c.setAutoCommit(false);
      try (java.sql.PreparedStatement insert =
          c.prepareStatement("INSERT INTO floor_member_email VALUES (?, ?, TRUE)")) {
        for (int i = 1; i <= members; i++) {
          insert.setLong(1, i);
          insert.setString(2, memberEmailKeys.apply(i));
          insert.addBatch();
          if (i % 1000 == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      c.commit();
      if (pg) {
        s.execute("ANALYZE floor_member_email");
        c.commit();
      }

      long started = System.nanoTime();
      if (pg) {
        copy(
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI(),
            "COPY floor_account (instance_id, account_id, primary_email, primary_key,"
                + " other_emails) FROM STDIN",
            count,
            (line, i) -> {
              FloorRow row = rows.apply(i);
              line.append("1\t")
                  .append(row.accountId())
                  .append('\t')
                  .append(row.primaryEmail() == null ? "\\N" : row.primaryEmail())
                  .append('\t')
                  .append(row.primaryKey() == null ? "\\N" : row.primaryKey())
                  .append('\t')
                  .append(row.otherEmails())
                  .append('\n');
            });
      } else {
        try (java.sql.PreparedStatement insert =
            c.prepareStatement("INSERT INTO floor_account VALUES (1, ?, ?, ?, ?)")) {
          for (int i = 1; i <= count; i++) {
            FloorRow row = rows.apply(i);
            insert.setLong(1, row.accountId());
            insert.setString(2, row.primaryEmail());
            insert.setString(3, row.primaryKey());
            insert.setString(4, row.otherEmails());
            insert.addBatch();
            if (i % 1000 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
      }
      c.commit();
      long loaded = System.nanoTime();
      long matched;
      try (java.sql.ResultSet r =
          s.executeQuery(
              "SELECT COUNT(e.member_id) FROM floor_account a LEFT JOIN floor_member_email e"
                  + " ON e.address_key = a.primary_key AND e.verified")) {
        r.next();
        matched = r.getLong(1);
      }
      long joined = System.nanoTime();
      c.commit();
      Writes writes = pg ? writes(c, s, rows, count) : null;
      s.execute("DROP TABLE floor_account");
      s.execute("DROP TABLE floor_member_email");
      c.commit();
      return new Floor(
          loaded - started, joined - loaded, pg ? "COPY" : "JDBC batches (H2)", matched, writes);
    }
  }

  /**
   * {@link Writes} on PostgreSQL, for {@code count} accounts of {@code rows}: each table's rows
   * made in this process and COPY'd as the accounts were, in the order of the table's unique index
   * (as matching writes them), into a table made {@code LIKE} the product's in the benchmark's
   * schema, its indexes included; rolled back and dropped afterwards.
   */
  private static Writes writes(
      Connection c, Statement s, java.util.function.IntFunction<FloorRow> rows, int count)
      throws Exception {
    List<String> tables = List.of("consumed_license", "account_member", "person_seen");
    for (String table : tables) {
      s.execute("DROP TABLE IF EXISTS floor_" + table);
      s.execute(
          "CREATE TABLE floor_"
              + table
              + " (LIKE "
              + table
              + " INCLUDING DEFAULTS INCLUDING INDEXES)");
    }
    c.commit();
    org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
    long started = System.nanoTime();
    // a Server-only person per account, with values as wide as matching's; the sort key's order is
    // the accounts' (a section byte, the account id, the key's bytes)
    copy(
        copy,
        "COPY floor_consumed_license (enterprise_id, sort_key, github_com_login, github_com_name,"
            + " github_com_profile, github_com_user, github_com_member_roles,"
            + " github_com_enterprise_roles, verified_domain_emails, saml_name_id,"
            + " orgs_with_pending_invites, enterprise_server_user, server_user_ids, server_emails,"
            + " total_user_accounts, person_id, matched_by, server_accounts, match_key,"
            + " match_local) FROM STDIN",
        count,
        (line, i) -> {
          FloorRow row = rows.apply(i);
          String key = row.primaryKey() == null ? "" : row.primaryKey();
          line.append("1\t");
          appendSortKey(line, row);
          line.append("\t\t\t\tf\t\t\t\t\t\tt\tghe.bench.example:")
              .append(row.accountId())
              .append('\t')
              .append(row.primaryEmail() == null ? "" : row.primaryEmail())
              .append("\t1\t")
              .append(personId(row))
              .append("\tnone\tbench-ghes-1\\tghe.bench.example\\t")
              .append(row.accountId())
              .append("\\tnone\t")
              .append(row.primaryKey() == null ? "\\N" : key)
              .append('\t')
              .append(row.primaryKey() == null ? "\\N" : localPart(key))
              .append('\n');
        });
    long licensed = System.nanoTime();
    // a row per matched account and its member (V27)
    s.executeUpdate(
        "INSERT INTO floor_account_member (instance_id, account_id, member_id)"
            + " SELECT a.instance_id, a.account_id, e.member_id FROM floor_account a"
            + " JOIN floor_member_email e ON e.address_key = a.primary_key AND e.verified"
            + " ORDER BY a.instance_id, a.account_id");
    long stated = System.nanoTime();
    String now = Instant.now().toString();
    copy(
        copy,
        "COPY floor_person_seen (enterprise_id, person_id, since, sort_key) FROM STDIN",
        count,
        (line, i) -> {
          // a Server-only person by email keeps their sort key there (V26)
          FloorRow row = rows.apply(i);
          line.append("1\t").append(personId(row)).append('\t').append(now).append('\t');
          if (row.primaryKey() == null) {
            line.append("\\N");
          } else {
            appendSortKey(line, row);
          }
          line.append('\n');
        });
    long seen = System.nanoTime();
    c.rollback();
    for (String table : tables) {
      s.execute("DROP TABLE floor_" + table);
    }
    c.commit();
    return new Writes(licensed - started, stated - licensed, seen - stated);
  }

  /**
   * A floor row's sort key in COPY's text form: a section byte, the account id, the key's bytes (in
   * the accounts' order).
   */
  private static void appendSortKey(StringBuilder line, FloorRow row) {
    line.append("\\\\x01").append(String.format(Locale.ROOT, "%016x", row.accountId()));
    String key = row.primaryKey() == null ? "" : row.primaryKey();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      line.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
  }

  private static String localPart(String key) {
    int at = key.indexOf('@');
    return at < 0 ? key : key.substring(0, at);
  }

  /** A person id shaped as matching's ({@code e} and 20 hex digits), from the account. */
  private static String personId(FloorRow row) {
    long h = (row.primaryKey() == null ? 0 : row.primaryKey().hashCode()) * 0x9E3779B97F4A7C15L;
    return String.format(Locale.ROOT, "e%016x%04x", h ^ row.accountId(), row.accountId() & 0xffff);
  }

  /** COPYs {@code count} lines, each appended by {@code line} for its 1-based number. */
  private static void copy(
      org.postgresql.copy.CopyManager copy,
      String sql,
      int count,
      java.util.function.ObjIntConsumer<StringBuilder> line)
      throws Exception {
    org.postgresql.copy.CopyIn in = copy.copyIn(sql);
    StringBuilder chunk = new StringBuilder(1 << 17);
    for (int i = 1; i <= count; i++) {
      line.accept(chunk, i);
      if (chunk.length() > 1 << 16) {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
      }
    }
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    in.endCopy();
  }

  /** {@code time} as a multiple of {@code floor}. */
  static String ratio(long time, long floor) {
    return String.format(Locale.ROOT, "%.1fx", (double) time / Math.max(1, floor));
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
  }

  /**
   * Prints the table and appends it to target/bench-results.txt and
   * target/bench-results-history.txt.
   */
  void report(String title) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(title).append(", ").append(Instant.now()).append('\n');
    text.append("java ")
        .append(System.getProperty("java.version"))
        .append(", server -Xmx768m (PayaraMicroProcess)\n");
    text.append("-".repeat(110)).append('\n');
    figures.forEach((k, v) -> text.append(String.format("%-52s %s%n", k, v)));
    synchronized (notes) {
      notes.forEach(n -> text.append("note: ").append(n).append('\n'));
    }
    text.append("-".repeat(110)).append('\n');
    System.out.println();
    System.out.print(text);
    Files.createDirectories(target);
    Files.writeString(
        target.resolve("bench-results.txt"),
        text + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Files.writeString(
        target.resolve("bench-results-history.txt"),
        text + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
