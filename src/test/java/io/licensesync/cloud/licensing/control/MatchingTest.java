package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedAccounts;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedMembers;
import io.licensesync.cloud.instances.control.UsageDiff;
import io.licensesync.cloud.instances.control.UsageRows;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.identity.Emails;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageWriter;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Matching part of an enterprise after a change of some members leaves exactly what matching all of
 * it would: random enterprises (emails shared by members and Server accounts, case-varied,
 * unverified, SAML NameIDs, owners' links and refusals, accounts without email) get random member
 * changes (new members, changed emails, NameIDs and roles, removed members), each matched with
 * {@link Matching#scoped} and then with {@link Matching#full}; every stored row, count, anchor and
 * person seen must agree. On an in-memory H2 database the Flyway migrations built.
 */
class MatchingTest {

  private static final long ENTERPRISE = 1;
  private static final String[] HOSTS = {"ghe-b.example", "ghe-a.example"};
  private static final String[] SERVERS = {"server-0", "server-1"};

  private final LocalDate today = LocalDate.of(2026, 12, 5);

  @Test
  void matchingOnlyThePeopleAMemberChangeTouchesLeavesWhatMatchingEveryoneWould() throws Exception {
    for (long seed = 1; seed <= 8; seed++) {
      try (Connection db = database()) {
        scopedAgreesWithFull(db, seed);
      }
    }
  }

  /**
   * The same on PostgreSQL (COPY, its collation and bytea order), in a schema of its own, when the
   * PostgreSQL of the in-container tests' second run is reachable on this machine.
   */
  @Test
  void andOnPostgreSql() throws Exception {
    onPostgreSql(1, 3, this::scopedAgreesWithFull);
  }

  /** A check of one random enterprise. */
  @FunctionalInterface
  private interface SeedCheck {
    void check(Connection db, long seed) throws Exception;
  }

  /**
   * Runs {@code check} for the seeds {@code from} to {@code to} on PostgreSQL, in a schema of its
   * own, each on an empty database, when that PostgreSQL is reachable on this machine.
   */
  private static void onPostgreSql(long from, long to, SeedCheck check) throws Exception {
    MigratedPostgreSql.run(
        "matching_test",
        pg -> {
          for (long seed = from; seed <= to; seed++) {
            try (Connection db = pg.getConnection()) {
              db.setAutoCommit(false);
              try (Statement clear = db.createStatement()) {
                // the bulk tables have no cascade on PostgreSQL (V23)
                clear.execute("DELETE FROM consumed_license");
                clear.execute("DELETE FROM person_seen");
                clear.execute("DELETE FROM account_member");
                clear.execute("DELETE FROM instance_account");
                clear.execute("DELETE FROM enterprise");
              }
              check.check(db, seed);
            }
          }
        });
  }

  private void scopedAgreesWithFull(Connection db, long seed) throws Exception {
    Random random = new Random(seed);
    World world = new World(random, db, 40 + random.nextInt(120));
    world.store(150 + random.nextInt(400));
    Matching.full(db, settings(), "start", null);
    for (int round = 1; round <= 6; round++) {
      ChangedMembers change = world.change();
      Matching.Result scoped =
          Matching.scoped(db, settings(), "members changed", change).orElseThrow();
      String afterScoped = snapshot(db);
      Matching.Result full = Matching.full(db, settings(), "everyone again", null);
      assertEquals(full.people(), scoped.people(), "seed " + seed + " round " + round);
      assertEquals(snapshot(db), afterScoped, "seed " + seed + " round " + round);
      assertMembersAgree(db, "seed " + seed + " round " + round);
      assertOrderReadsAsStored(db, "seed " + seed + " round " + round);
      db.commit();
    }
  }

  /**
   * An upload that changes some of an instance's accounts (added, removed, a new primary email or
   * none, other emails) is applied by its difference ({@link UsageDiff}) and matched for the people
   * it touches only; matching everyone afterwards must store the same, find nothing more changed on
   * the instance, and the scoped upload's own counts must be the difference of the states.
   */
  @Test
  void matchingOnlyThePeopleAnUploadTouchesLeavesWhatMatchingEveryoneWould() throws Exception {
    for (long seed = 11; seed <= 16; seed++) {
      try (Connection db = database()) {
        uploadsScopedAgreeWithFull(db, seed);
      }
    }
  }

  /** The same on PostgreSQL (its temporary staging table and COPY). */
  @Test
  void uploadsOnPostgreSql() throws Exception {
    onPostgreSql(11, 13, this::uploadsScopedAgreeWithFull);
  }

  private void uploadsScopedAgreeWithFull(Connection db, long seed) throws Exception {
    Random random = new Random(seed);
    World world = new World(random, db, 40 + random.nextInt(120));
    world.store(150 + random.nextInt(400));
    for (int h = 0; h < HOSTS.length; h++) {
      Matching.full(db, settings(), "start", upload(h, "start", null));
    }
    db.commit();
    for (int round = 1; round <= 8; round++) {
      String at = "seed " + seed + " round " + round;
      int h = random.nextInt(HOSTS.length);
      Map<Long, Long> before = states(db, h + 1);
      UsageDiff.Applied applied =
          UsageDiff.apply(db, h + 1, world.nextUsage(h, "r" + round), 100_000);
      ChangedAccounts changed = applied.changed();
      Matching.Result scoped =
          Matching.scopedUpload(db, settings(), "upload", upload(h, "r" + round, changed))
              .orElseThrow();
      Map<Long, Long> after = states(db, h + 1);
      assertEquals(applied.read().accounts(), after.size(), at);
      Set<Long> both = new HashSet<>(before.keySet());
      both.retainAll(after.keySet());
      long matched =
          both.stream().filter(a -> before.get(a) == null && after.get(a) != null).count();
      long unmatched =
          both.stream().filter(a -> before.get(a) != null && after.get(a) == null).count();
      assertEquals(
          List.of(
              true,
              after.size() - both.size(),
              before.size() - both.size(),
              (int) matched,
              (int) unmatched,
              after.size()),
          latestUploadChange(db, h + 1),
          at);
      String afterScoped = snapshot(db);
      Matching.Result full = Matching.full(db, settings(), "everyone again", upload(h, "c", null));
      assertEquals(full.people(), scoped.people(), at);
      assertEquals(snapshot(db), afterScoped, at);
      assertEquals(List.of(true, 0, 0, 0, 0, after.size()), latestUploadChange(db, h + 1), at);
      assertMembersAgree(db, at);
      assertOrderReadsAsStored(db, at);
      db.commit();
    }
  }

  /**
   * An upload applied by its difference leaves the instance holding exactly the document's accounts
   * (ids, primary emails, their keys, other emails), as writing the document whole into an empty
   * instance does: by the ids of the accounts that changed ({@code limit} 100,000), and by joining
   * all rows when more changed than the limit ({@code limit} 0).
   */
  @Test
  void anUploadAppliedByItsDifferenceHoldsExactlyTheDocumentsAccounts() throws Exception {
    for (long seed = 21; seed <= 24; seed++) {
      try (Connection db = database()) {
        diffHoldsTheDocument(db, seed);
      }
    }
  }

  /** The same on PostgreSQL (its temporary staging table, COPY and array parameters). */
  @Test
  void anUploadsDifferenceOnPostgreSql() throws Exception {
    onPostgreSql(21, 22, this::diffHoldsTheDocument);
  }

  private void diffHoldsTheDocument(Connection db, long seed) throws Exception {
    Random random = new Random(seed);
    World world = new World(random, db, 20 + random.nextInt(40));
    world.store(100 + random.nextInt(200));
    long whole = 99;
    try (Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO connected_instance (id, enterprise_id, server_id, hostname, version,"
              + " connected_at, accounts_count, row_version)"
              + " VALUES ("
              + whole
              + ", 1, 'server-whole', 'ghe-whole.example', '3.17.0', CURRENT_TIMESTAMP, 0, 0)");
    }
    for (int round = 1; round <= 6; round++) {
      String at = "seed " + seed + " round " + round;
      int h = random.nextInt(HOSTS.length);
      int limit = round % 2 == 0 ? 0 : 100_000;
      byte[] document = world.nextUsage(h, "d" + round).readAllBytes();
      UsageDiff.Applied applied =
          UsageDiff.apply(db, h + 1, new java.io.ByteArrayInputStream(document), limit);
      UsageRows.deleteAccounts(db, whole);
      UsageRows.intoInstance(db, whole, new java.io.ByteArrayInputStream(document));
      List<String> expected = accounts(db, whole);
      assertEquals(expected, accounts(db, h + 1), at + " (limit " + limit + ")");
      assertEquals(expected.size(), applied.read().accounts(), at);
      db.commit();
    }
  }

  /**
   * Each account's stored member is the member whose consumed license counts it: every member's row
   * counts exactly as many Server accounts as hold its id (and none holds another value).
   */
  private static void assertMembersAgree(Connection db, String at) throws SQLException {
    StringBuilder rows = new StringBuilder();
    query(
        db,
        "SELECT member_id, total_user_accounts - 1 FROM consumed_license WHERE enterprise_id = 1"
            + " AND member_id IS NOT NULL AND total_user_accounts > 1 ORDER BY 1",
        rows,
        "members' accounts");
    StringBuilder accounts = new StringBuilder();
    query(
        db,
        "SELECT member_id, COUNT(*) FROM account_member GROUP BY member_id ORDER BY 1",
        accounts,
        "members' accounts");
    assertEquals(rows.toString(), accounts.toString(), at);
    assertTrue(rows.length() > "== members' accounts\n".length(), at + ": some account matched");
  }

  /** Instance {@code instanceId}'s accounts as stored, one line each, by account id. */
  private static List<String> accounts(Connection db, long instanceId) throws SQLException {
    List<String> accounts = new ArrayList<>();
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT account_id, primary_email, primary_key, other_emails FROM instance_account"
                + " WHERE instance_id = ? ORDER BY account_id")) {
      q.setLong(1, instanceId);
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          accounts.add(
              rows.getLong(1)
                  + " "
                  + rows.getString(2)
                  + " "
                  + rows.getString(3)
                  + " ["
                  + rows.getString(4)
                  + "]");
        }
      }
    }
    return accounts;
  }

  private static AppliedUpload upload(int host, String id, ChangedAccounts accounts) {
    return new AppliedUpload(host + 1, SERVERS[host], id + "-" + host, "sync", accounts);
  }

  /** Instance {@code instanceId}'s accounts as its upload changes keep them, and their member. */
  private static Map<Long, Long> states(Connection db, long instanceId) throws SQLException {
    Map<Long, Long> states = new HashMap<>();
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT a.account_id, m.member_id FROM instance_account a LEFT JOIN account_member m"
                + " ON m.instance_id = a.instance_id AND m.account_id = a.account_id"
                + " WHERE a.instance_id = ?")) {
      q.setLong(1, instanceId);
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          long account = rows.getLong(1);
          long member = rows.getLong(2);
          states.put(account, rows.wasNull() ? null : member);
        }
      }
    }
    return states;
  }

  private static List<Object> latestUploadChange(Connection db, long instanceId)
      throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT compared, newly_consuming, no_longer_consuming, newly_matched, unmatched,"
                + " accounts FROM upload_change WHERE instance_id = ? ORDER BY id DESC"
                + " FETCH FIRST 1 ROWS ONLY")) {
      q.setLong(1, instanceId);
      try (ResultSet row = q.executeQuery()) {
        row.next();
        return List.of(
            row.getBoolean(1),
            row.getInt(2),
            row.getInt(3),
            row.getInt(4),
            row.getInt(5),
            row.getInt(6));
      }
    }
  }

  /**
   * Matching everyone keeps since when each person counts: a matching that removes no one keeps
   * every person seen (and skips looking for people gone), one after a Server person left forgets
   * exactly the people that left and records them as removed.
   */
  @Test
  void matchingEveryoneForgetsExactlyThePeopleWhoLeft() throws Exception {
    try (Connection db = database()) {
      World world = new World(new Random(7), db, 60);
      world.store(200);
      Matching.Result first = Matching.full(db, settings(), "start", null);
      Matching.Result again = Matching.full(db, settings(), "again", null);
      assertEquals(first.people(), again.people());
      assertEquals(first.people(), count(db, "SELECT COUNT(*) FROM person_seen"));
      assertEquals(0, count(db, "SELECT people_removed FROM seat_change ORDER BY id DESC"));
      // a Server-only person leaves: their accounts are gone from the instance
      List<String> leaving = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet rows =
              s.executeQuery(
                  "SELECT person_id, match_key FROM consumed_license WHERE member_id IS NULL"
                      + " AND match_key IS NOT NULL ORDER BY sort_key FETCH FIRST 1 ROWS ONLY")) {
        while (rows.next()) {
          leaving.add(rows.getString(1));
          try (PreparedStatement gone =
              db.prepareStatement("DELETE FROM instance_account WHERE primary_key = ?")) {
            gone.setString(1, rows.getString(2));
            gone.executeUpdate();
          }
        }
      }
      assertEquals(1, leaving.size());
      Matching.Result after = Matching.full(db, settings(), "one left", null);
      assertTrue(after.people() < first.people(), "people left");
      assertEquals(after.people(), count(db, "SELECT COUNT(*) FROM person_seen"));
      assertEquals(
          first.people() - after.people(),
          count(db, "SELECT people_removed FROM seat_change ORDER BY id DESC"));
      for (String person : leaving) {
        assertEquals(
            0,
            count(db, "SELECT COUNT(*) FROM person_seen WHERE person_id = '" + person + "'"),
            person);
      }
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      assertTrue(row.next(), sql);
      return row.getLong(1);
    }
  }

  @Test
  void pagesStartingFromAnAnchorReadTheSameRowsAsTheWholeOrder() throws Exception {
    try (Connection db = database()) {
      World world = new World(new Random(42), db, 300);
      world.store(400);
      Matching.Result result = Matching.full(db, settings(), "start", null);
      assertTrue(result.people() > 3 * ConsumedLicense.ANCHOR_EVERY, "several anchors");
      assertEquals(result.people(), stored(db).size());
      assertOrderReadsAsStored(db, "seed 42");
    }
  }

  /**
   * The people as the pages and the CSV report read them ({@link PeopleInOrder}: the Server-only
   * people by email from their accounts) are the rows matching stored, in the same order, whole:
   * read on from each person in steps of 7, and by position from an anchor at the positions around
   * anchors and the end.
   */
  private static void assertOrderReadsAsStored(Connection db, String at) throws SQLException {
    List<String> stored = stored(db);
    assertTrue(
        stored.stream().anyMatch(row -> row.startsWith("01")),
        at + ": some Server-only people by email");
    List<String> read = new ArrayList<>();
    byte[] after = null;
    do {
      after = PeopleInOrder.read(db, ENTERPRISE, after, false, 7, person -> read.add(row(person)));
    } while (after != null);
    assertEquals(stored, read, at + ": read on in steps of 7");
    // queries that cut a person's accounts short, even the first person's (read again, whole)
    List<String> serverOnly = stored.stream().filter(row -> row.startsWith("01")).toList();
    for (int rowLimit = 1; rowLimit <= 3; rowLimit++) {
      List<String> people = new ArrayList<>();
      ServerOnlyPeople.read(
          db,
          ENTERPRISE,
          null,
          true,
          ServerOnlyPeople.keyOf(
              HexFormat.of().parseHex(serverOnly.get(serverOnly.size() - 1).split(" ")[0])),
          Integer.MAX_VALUE,
          rowLimit,
          person ->
              people.add(row(ConsumedLicense.ofRow(LicenseRows.serverOnly(ENTERPRISE, person)))));
      assertEquals(serverOnly, people, at + ": queries of " + rowLimit + " accounts at first");
    }
    int size = stored.size();
    for (int from : new int[] {0, 1, 99, 100, 101, 250, size - 3, size - 1, size}) {
      if (from < 0) {
        continue;
      }
      List<String> page =
          PeopleInOrder.page(db, ENTERPRISE, from, from + 5).stream()
              .map(MatchingTest::row)
              .toList();
      assertEquals(
          stored.subList(Math.min(size, from), Math.min(size, from + 5)),
          page,
          at + " from " + from);
    }
  }

  /** The enterprise's consumed licenses as stored, in their order, one line each ({@link #row}). */
  private static List<String> stored(Connection db) throws SQLException {
    return storedLicenses(db).stream().map(MatchingTest::row).toList();
  }

  /** The enterprise's consumed licenses as stored, in their order. */
  private static List<ConsumedLicense> storedLicenses(Connection db) throws SQLException {
    String[] columns = Arrays.copyOf(LicenseRows.COLUMNS, LicenseRows.COLUMNS.length - 2);
    List<ConsumedLicense> rows = new ArrayList<>();
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT "
                + String.join(", ", columns)
                + " FROM consumed_license WHERE enterprise_id = ? ORDER BY sort_key")) {
      q.setLong(1, ENTERPRISE);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Object[] values = new Object[columns.length];
          for (int i = 0; i < values.length; i++) {
            values[i] = r.getObject(i + 1);
          }
          rows.add(ConsumedLicense.ofRow(values));
        }
      }
    }
    return rows;
  }

  /** Everything a consumed license shows, its sort key first (hex). */
  private static String row(ConsumedLicense c) {
    return String.join(
        " | ",
        HexFormat.of().formatHex(c.sortKey()),
        c.personId(),
        String.valueOf(c.memberId()),
        c.login(),
        c.name(),
        c.profile(),
        String.valueOf(c.cloudUser()),
        String.valueOf(c.memberRoles()),
        String.valueOf(c.enterpriseRoles()),
        String.valueOf(c.verifiedDomainEmails()),
        c.samlNameId(),
        String.valueOf(c.pendingInvites()),
        String.valueOf(c.twoFactor()),
        String.valueOf(c.serverUser()),
        String.valueOf(c.serverUserIds()),
        String.valueOf(c.serverEmails()),
        String.valueOf(c.totalUserAccounts()),
        c.matchedBy(),
        String.valueOf(c.serverAccountLines()),
        String.valueOf(c.cloudSeatReasons()));
  }

  @Test
  void sortKeysOrderByteByByteAsTheirPartsDo() {
    HexFormat hex = HexFormat.of();
    List<byte[]> keys =
        List.of(
            SortKeys.of(0, "ab", 0),
            SortKeys.of(0, "abc", 0),
            SortKeys.of(0, "ab\u00e9", 0),
            SortKeys.of(1, "a@x", 0),
            SortKeys.of(2, "host", 1),
            SortKeys.of(2, "host", 256),
            SortKeys.of(2, "host.b", 0));
    for (int i = 1; i < keys.size(); i++) {
      assertTrue(
          java.util.Arrays.compareUnsigned(keys.get(i - 1), keys.get(i)) < 0,
          hex.formatHex(keys.get(i - 1)) + " before " + hex.formatHex(keys.get(i)));
    }
  }

  // ------------------------------------------------------------------------------------------

  private Matching.Settings settings() throws Exception {
    Enterprise enterprise =
        new Enterprise("acme", "Acme", 10, List.of("acme.example"), Instant.EPOCH);
    java.lang.reflect.Field id = Enterprise.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(enterprise, ENTERPRISE);
    return new Matching.Settings(
        enterprise,
        "https://github.com/",
        Instant.parse("2026-12-05T10:00:00Z"),
        today,
        today.minusDays(30),
        "64MB");
  }

  /** Everything matching stores for the enterprise, as text (since-when times left out). */
  private static String snapshot(Connection db) throws SQLException {
    StringBuilder out = new StringBuilder();
    query(
        db,
        "SELECT * FROM consumed_license WHERE enterprise_id = 1 ORDER BY sort_key",
        out,
        "rows");
    query(
        db,
        "SELECT ordinal, sort_key FROM consumed_license_anchor WHERE enterprise_id = 1"
            + " ORDER BY ordinal",
        out,
        "anchors");
    query(
        db,
        "SELECT server_id, people, only_here FROM instance_people WHERE enterprise_id = 1"
            + " ORDER BY server_id",
        out,
        "instances");
    query(
        db,
        "SELECT on_day, total, cloud_only, server_only, both_sides FROM seat_history"
            + " WHERE enterprise_id = 1 ORDER BY on_day",
        out,
        "history");
    query(
        db,
        "SELECT server_id, hostname, people FROM seat_history_instance WHERE enterprise_id = 1"
            + " ORDER BY server_id",
        out,
        "history per instance");
    query(
        db,
        "SELECT person_id FROM person_seen WHERE enterprise_id = 1 ORDER BY person_id",
        out,
        "seen");
    query(
        db,
        "SELECT instance_id, account_id, member_id FROM account_member ORDER BY 1, 2",
        out,
        "accounts' members");
    query(db, "SELECT COUNT(*) FROM instance_account WHERE pending", out, "pending accounts");
    query(db, "SELECT COUNT(*) FROM match_scope", out, "scope left");
    if (!io.licensesync.database.Databases.isPostgreSql(db)) {
      // H2's table of the schema is emptied by each matching (PostgreSQL's temporary one by the
      // commit)
      query(db, "SELECT COUNT(*) FROM account_match", out, "noted accounts left");
    }
    return out.toString();
  }

  private static void query(Connection db, String sql, StringBuilder out, String title)
      throws SQLException {
    out.append("== ").append(title).append('\n');
    try (Statement s = db.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int c = 1; c <= columns; c++) {
          Object value = rows.getObject(c);
          out.append(value instanceof byte[] b ? HexFormat.of().formatHex(b) : value).append('|');
        }
        out.append('\n');
      }
    }
  }

  private static Connection database() throws SQLException {
    return MigratedH2.open("matching");
  }

  /** A random enterprise kept as rows, and the member changes an owner makes to it. */
  private static final class World {
    private final Random random;
    private final Connection db;
    private final List<String> pool = new ArrayList<>();
    private final List<String> logins = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private final Set<String> decided = new HashSet<>();
    private long nextId = 1000;

    World(Random random, Connection db, int members) {
      this.random = random;
      this.db = db;
      for (int i = 0; i < members * 2; i++) {
        pool.add((random.nextBoolean() ? "p" : "P_") + i + "@Acme.example");
      }
      this.initialMembers = members;
    }

    private final int initialMembers;

    void store(int accountsPerHost) throws SQLException {
      try (Statement s = db.createStatement()) {
        s.execute(
            "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
                + " version) VALUES (1, 'acme', 'Acme', 10, 'acme.example', CURRENT_TIMESTAMP, 0)");
      }
      for (int i = 0; i < initialMembers; i++) {
        String login = newLogin();
        insertMember(login);
      }
      for (int h = 0; h < HOSTS.length; h++) {
        try (PreparedStatement instance =
            db.prepareStatement(
                "INSERT INTO connected_instance (id, enterprise_id, server_id, hostname, version,"
                    + " connected_at, accounts_count, row_version)"
                    + " VALUES (?, 1, ?, ?, '3.17.0', CURRENT_TIMESTAMP, 0, 0)")) {
          instance.setLong(1, h + 1);
          instance.setString(2, SERVERS[h]);
          instance.setString(3, HOSTS[h]);
          instance.executeUpdate();
        }
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement account =
            db.prepareStatement(
                "INSERT INTO instance_account (instance_id, account_id, primary_email,"
                    + " primary_key, other_emails) VALUES (?, ?, ?, ?, '')")) {
          while (ids.size() < accountsPerHost) {
            long id = 1 + random.nextInt(accountsPerHost * 20);
            if (!ids.add(id)) {
              continue;
            }
            int kind = random.nextInt(20);
            String primary =
                kind == 0
                    ? null
                    : kind < 12
                        ? vary(pool.get(random.nextInt(pool.size())))
                        : "only" + random.nextInt(accountsPerHost) + "@ghe.example";
            account.setLong(1, h + 1);
            account.setLong(2, id);
            account.setString(3, primary);
            account.setString(4, primary == null ? null : Emails.keyOf(primary));
            account.executeUpdate();
            if (random.nextInt(25) == 0) {
              decide(random.nextInt(4) == 0 ? "NOT_SAME" : "LINK", SERVERS[h], id);
            }
          }
        }
      }
      db.commit();
    }

    /** An owner's link or refusal of an account to a random member (one per account). */
    private void decide(String kind, String serverId, long accountId) throws SQLException {
      if (!decided.add(serverId + ":" + accountId)) {
        return;
      }
      String login = logins.get(random.nextInt(logins.size()));
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO manual_link (id, enterprise_id, kind, server_id, account_id,"
                  + " member_login, member_login_key, created_by, created_at)"
                  + " VALUES (?, 1, ?, ?, ?, ?, ?, 'boss', CURRENT_TIMESTAMP)")) {
        insert.setLong(1, nextId++);
        insert.setString(2, kind);
        insert.setString(3, serverId);
        insert.setLong(4, accountId);
        insert.setString(5, login);
        insert.setString(6, login.toLowerCase(Locale.ROOT));
        insert.executeUpdate();
      }
    }

    /**
     * Host {@code h}'s next usage document: its accounts with a few removed, added, given another
     * primary email (or none) and other emails.
     */
    InputStream nextUsage(int h, String uploadId) throws SQLException {
      java.util.TreeMap<Long, List<LicenseUsageDocument.Email>> accounts =
          new java.util.TreeMap<>();
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT account_id, primary_email, other_emails FROM instance_account"
                  + " WHERE instance_id = ?")) {
        q.setLong(1, h + 1);
        try (ResultSet rows = q.executeQuery()) {
          while (rows.next()) {
            List<LicenseUsageDocument.Email> emails = new ArrayList<>();
            if (rows.getString(2) != null) {
              emails.add(new LicenseUsageDocument.Email(rows.getString(2), true));
            }
            for (String other : rows.getString(3).split(" ")) {
              if (!other.isEmpty()) {
                emails.add(new LicenseUsageDocument.Email(other, false));
              }
            }
            accounts.put(rows.getLong(1), emails);
          }
        }
      }
      List<Long> ids = new ArrayList<>(accounts.keySet());
      for (int i = random.nextInt(4); i > 0; i--) {
        accounts.remove(ids.get(random.nextInt(ids.size())));
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        accounts.put(1_000_000L + random.nextInt(1_000_000), emails(null));
      }
      for (int i = random.nextInt(5); i > 0; i--) {
        accounts.computeIfPresent(ids.get(random.nextInt(ids.size())), (id, old) -> emails(old));
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (LicenseUsageWriter writer =
          new LicenseUsageWriter(
              out,
              new LicenseUsageDocument.Metadata(
                  uploadId,
                  SERVERS[h],
                  HOSTS[h],
                  "3.17.0",
                  null,
                  null,
                  List.of(),
                  Instant.parse("2026-12-05T09:00:00Z")))) {
        accounts.forEach(
            (id, emails) -> writer.account(new LicenseUsageDocument.Account(id, emails)));
      }
      return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    /** Another primary email (none, shared or of the Server only), sometimes another email too. */
    private List<LicenseUsageDocument.Email> emails(List<LicenseUsageDocument.Email> old) {
      List<LicenseUsageDocument.Email> emails = new ArrayList<>();
      int kind = random.nextInt(old == null ? 20 : 24);
      if (kind >= 20) {
        // the same primary email, another one besides
        old.stream().filter(LicenseUsageDocument.Email::primary).forEach(emails::add);
        emails.add(
            new LicenseUsageDocument.Email("other" + random.nextInt(50) + "@x.example", false));
        return emails;
      }
      if (kind > 0) {
        String primary =
            kind < 12
                ? vary(pool.get(random.nextInt(pool.size())))
                : "only" + random.nextInt(300) + "@ghe.example";
        emails.add(new LicenseUsageDocument.Email(primary, true));
      }
      return emails;
    }

    /** Creates, changes and removes some members as provisioning would; what it changed. */
    ChangedMembers change() throws SQLException {
      Set<String> changed = new HashSet<>();
      Set<String> created = new HashSet<>();
      Set<String> keys = new HashSet<>();
      Set<Long> removed = new HashSet<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        String login = newLogin();
        insertMember(login);
        changed.add(login.toLowerCase(Locale.ROOT));
        created.add(login.toLowerCase(Locale.ROOT));
      }
      for (int i = 1 + random.nextInt(6); i > 0 && !logins.isEmpty(); i--) {
        String login = logins.get(random.nextInt(logins.size()));
        String key = login.toLowerCase(Locale.ROOT);
        keys.addAll(keysOf(key));
        changed.add(key);
        long id = idOf(key);
        if (random.nextInt(4) == 0) {
          removed.add(id);
          logins.remove(login);
          exec("DELETE FROM member_email WHERE member_id = " + id);
          exec("DELETE FROM enterprise_member WHERE id = " + id);
        } else {
          exec("DELETE FROM member_email WHERE member_id = " + id);
          insertEmails(id);
          String nameId =
              random.nextInt(3) == 0 ? vary(pool.get(random.nextInt(pool.size()))) : null;
          try (PreparedStatement update =
              db.prepareStatement(
                  "UPDATE enterprise_member SET saml_name_id = ?, saml_name_id_key = ?,"
                      + " enterprise_role = ?, org_roles = ? WHERE id = ?")) {
            update.setString(1, nameId);
            update.setString(2, nameId == null ? null : Emails.keyOf(nameId));
            update.setString(3, random.nextInt(3) == 0 ? "OWNER" : "MEMBER");
            update.setString(4, random.nextBoolean() ? "" : "acme:Member");
            update.setLong(5, id);
            update.executeUpdate();
          }
        }
      }
      // and the keys they hold now
      for (String login : logins) {
        String key = login.toLowerCase(Locale.ROOT);
        if (changed.contains(key)) {
          keys.addAll(keysOf(key));
        }
      }
      return new ChangedMembers(changed, created, keys, removed);
    }

    private Set<String> keysOf(String loginKey) throws SQLException {
      Set<String> keys = new HashSet<>();
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT m.saml_name_id_key, e.address_key FROM enterprise_member m"
                  + " LEFT JOIN member_email e ON e.member_id = m.id"
                  + " WHERE m.enterprise_id = 1 AND m.login_key = ?")) {
        q.setString(1, loginKey);
        try (ResultSet rows = q.executeQuery()) {
          while (rows.next()) {
            if (rows.getString(1) != null) {
              keys.add(rows.getString(1));
            }
            if (rows.getString(2) != null) {
              keys.add(rows.getString(2));
            }
          }
        }
      }
      return keys;
    }

    private long idOf(String loginKey) throws SQLException {
      try (PreparedStatement q =
          db.prepareStatement(
              "SELECT id FROM enterprise_member WHERE enterprise_id = 1 AND login_key = ?")) {
        q.setString(1, loginKey);
        try (ResultSet row = q.executeQuery()) {
          row.next();
          return row.getLong(1);
        }
      }
    }

    private String newLogin() {
      while (true) {
        String login = (random.nextInt(3) == 0 ? "A-" : "m") + random.nextInt(100_000);
        if (taken.add(login.toLowerCase(Locale.ROOT))) {
          logins.add(login);
          return login;
        }
      }
    }

    private void insertMember(String login) throws SQLException {
      long id = nextId++;
      String nameId = random.nextInt(4) == 0 ? vary(pool.get(random.nextInt(pool.size()))) : null;
      String[] roles = {"OWNER", "MEMBER", "OUTSIDE_COLLABORATOR", "BILLING_MANAGER"};
      try (PreparedStatement member =
          db.prepareStatement(
              "INSERT INTO enterprise_member (id, enterprise_id, login, login_key, name,"
                  + " saml_name_id, saml_name_id_key, enterprise_role, org_roles,"
                  + " pending_invites, private_repo_access, two_factor, created_at, version)"
                  + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, 0)")) {
        member.setLong(1, id);
        member.setString(2, login);
        member.setString(3, login.toLowerCase(Locale.ROOT));
        member.setString(4, login + " name");
        member.setString(5, nameId);
        member.setString(6, nameId == null ? null : Emails.keyOf(nameId));
        member.setString(7, roles[random.nextInt(roles.length)]);
        member.setString(8, random.nextInt(3) == 0 ? "" : "acme:Member");
        member.setString(9, random.nextInt(5) == 0 ? "acme" : "");
        member.setBoolean(10, random.nextBoolean());
        member.setBoolean(11, random.nextBoolean());
        member.executeUpdate();
      }
      insertEmails(id);
    }

    private void insertEmails(long memberId) throws SQLException {
      Set<String> keys = new HashSet<>();
      try (PreparedStatement email =
          db.prepareStatement(
              "INSERT INTO member_email (member_id, address, address_key, verified)"
                  + " VALUES (?, ?, ?, ?)")) {
        for (int e = random.nextInt(4); e > 0; e--) {
          String address = vary(pool.get(random.nextInt(pool.size())));
          if (keys.add(Emails.keyOf(address))) {
            email.setLong(1, memberId);
            email.setString(2, address);
            email.setString(3, Emails.keyOf(address));
            email.setBoolean(4, random.nextInt(3) > 0);
            email.executeUpdate();
          }
        }
      }
    }

    private void exec(String sql) throws SQLException {
      try (Statement s = db.createStatement()) {
        s.execute(sql);
      }
    }

    private String vary(String text) {
      return switch (random.nextInt(3)) {
        case 0 -> text.toUpperCase(Locale.ROOT);
        case 1 -> text.toLowerCase(Locale.ROOT);
        default -> text;
      };
    }
  }
}
