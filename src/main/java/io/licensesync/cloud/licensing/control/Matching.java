package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedAccounts;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedMembers;
import io.licensesync.cloud.instances.control.BulkInsert;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.database.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Brings an enterprise's consumed licenses up to date on one connection, inside the changing
 * transaction (the caller holds the enterprise's row lock): {@link #full} matches every person
 * again and rewrites the enterprise's rows; {@link #scoped} rewrites only the people a change of
 * some members can touch. Both keep what depends on the people in step: the per-instance counts,
 * the day's seat history, since when each person counts, the seat change, the anchors pages start
 * from, the member each Server account was matched to ({@link AccountMembers}). Nothing is held
 * whole: people stream from one ordered query and go back in batches (COPY on PostgreSQL).
 */
public final class Matching {

  /** A matching of this many people or more runs ANALYZE when the row count moved a lot. */
  public static final int LARGE = 10_000;

  private static final int BATCH = 5000;
  private static final String[] SCOPE_COLUMNS = {"scope", "kind", "k"};
  private static final int[] SCOPE_TYPES = {Types.BIGINT, Types.CHAR, Types.VARCHAR};

  /** A person written (kind N) with the sort key of a Server-only person by email (else null). */
  private static final String[] WRITTEN_COLUMNS = {"scope", "kind", "k", "sk"};

  private static final int[] WRITTEN_TYPES = {
    Types.BIGINT, Types.CHAR, Types.VARCHAR, Types.VARBINARY
  };

  /** What a matching needs besides the database. */
  public record Settings(
      Enterprise enterprise,
      String profileBase,
      Instant now,
      LocalDate today,
      LocalDate keepFrom,
      String workMem) {}

  /** People after, people before, and where the time went (for the log). */
  public record Result(int people, int before, String timing) {}

  private Matching() {}

  /**
   * Matches all of the enterprise's people again; when the change is an applied {@code upload},
   * what it changed on its instance is kept as well ({@link UploadChanges}).
   */
  public static Result full(
      Connection connection, Settings settings, String cause, AppliedUpload upload)
      throws SQLException {
    long started = System.nanoTime();
    long enterpriseId = settings.enterprise().id();
    int before = head(connection, enterpriseId);
    try (PreparedStatement clear =
        connection.prepareStatement("DELETE FROM consumed_license WHERE enterprise_id = ?")) {
      clear.setLong(1, enterpriseId);
      clear.executeUpdate();
    }
    long cleared = System.nanoTime();
    bulkSettings(connection, settings.workMem());
    long[] writing = new long[2];
    SeatTally tally = new SeatTally();
    StreamedAnchors anchors = new StreamedAnchors();
    UploadChanges changes = upload == null ? null : UploadChanges.start(connection, upload);
    int people;
    try (BulkInsert rows =
            BulkInsert.into(
                connection, "consumed_license", LicenseRows.COLUMNS, LicenseRows.TYPES, false);
        AccountMembers accounts = AccountMembers.start(connection, enterpriseId, false)) {
      int[] count = {0};
      MatchQuery.stream(
          connection,
          enterpriseId,
          person -> {
            Object[] values =
                LicenseRows.values(settings.enterprise(), person, settings.profileBase());
            rows.row(values);
            anchors.offer((byte[]) values[SORT_KEY]);
            tally.count(person);
            accounts.add(person);
            if (++count[0] % BATCH == 0) {
              long copying = System.nanoTime();
              rows.flush();
              long copied = System.nanoTime();
              writing[0] += copied - copying;
              accounts.flush();
              writing[1] += System.nanoTime() - copied;
            }
          });
      long finishing = System.nanoTime();
      rows.finish();
      long finished = System.nanoTime();
      writing[0] += finished - finishing;
      accounts.finish();
      UploadChanges.Counts counts = changes == null ? null : changes.count(accounts);
      int membersStored = accounts.apply(upload);
      writing[1] += System.nanoTime() - finished;
      people = count[0];
      long matched = System.nanoTime();
      store(connection, settings, tally, before, people);
      long tallied = System.nanoTime();
      anchors.write(connection, enterpriseId);
      long anchored = System.nanoTime();
      SeatChanges.record(
          connection, enterpriseId, settings.now(), cause, before, people, settings.keepFrom());
      long recorded = System.nanoTime();
      if (changes != null) {
        changes.finish(counts, settings.now(), settings.keepFrom());
      }
      long ended = System.nanoTime();
      return new Result(
          people,
          before,
          "old rows cleared "
              + ms(cleared - started)
              + ", matched and written "
              + ms(matched - cleared)
              + " (of which writing consumed licenses "
              + ms(writing[0])
              + ", accounts' members "
              + ms(writing[1])
              + ", "
              + membersStored
              + " matched), tallied "
              + ms(tallied - matched)
              + ", anchors "
              + ms(anchored - tallied)
              + ", since-when and seat change "
              + ms(recorded - anchored)
              + ", upload changes "
              + ms(ended - recorded));
    }
  }

  /**
   * Matches again only the people a change of {@code members} can touch, or nothing (empty) when
   * the enterprise was never matched (the caller then matches all). The people touched: the changed
   * members; every member holding an email or SAML key a changed member holds or held (one of them
   * may now win it, or lose it); the Server-only people of those keys; and the accounts linked to
   * any of these members by an owner. Their rows are removed and written again from one query
   * restricted to them ({@link MatchQuery#streamScoped}); the counts change by what was removed and
   * written.
   */
  public static Optional<Result> scoped(
      Connection connection, Settings settings, String cause, ChangedMembers members)
      throws SQLException {
    return scoped(connection, settings, cause, members, null);
  }

  /**
   * Matches again only the people an applied {@code upload} can touch through the accounts it
   * added, removed or changed ({@link AppliedUpload#accounts}), keeping what it changed on its
   * instance as {@link #full} does; empty (the caller then matches all) when the enterprise or the
   * instance was never matched, or when the accounts changed are more than a fifth of the people.
   * The people touched: the Server-only people of every primary email key those accounts held or
   * hold, every member holding such a key or linked by an owner to one of them (with all their
   * accounts), and the changed accounts without email.
   */
  public static Optional<Result> scopedUpload(
      Connection connection, Settings settings, String cause, AppliedUpload upload)
      throws SQLException {
    ChangedAccounts accounts = upload.accounts();
    ChangedMembers members = new ChangedMembers(Set.of(), Set.of(), accounts.keys(), Set.of());
    return scoped(connection, settings, cause, members, upload);
  }

  private static Optional<Result> scoped(
      Connection connection,
      Settings settings,
      String cause,
      ChangedMembers members,
      AppliedUpload upload)
      throws SQLException {
    long started = System.nanoTime();
    long enterpriseId = settings.enterprise().id();
    Optional<SeatTally> stored = SeatTally.stored(connection, enterpriseId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    SeatTally tally = stored.get();
    int before = head(connection, enterpriseId);
    if (upload != null && (long) upload.accounts().changedIds().size() * 5 > before) {
      return Optional.empty();
    }
    UploadChanges changes = upload == null ? null : UploadChanges.start(connection, upload);
    if (changes != null && !changes.compares()) {
      return Optional.empty();
    }
    return Optional.of(
        scoped(connection, settings, cause, members, upload, changes, tally, before, started));
  }

  private static Result scoped(
      Connection connection,
      Settings settings,
      String cause,
      ChangedMembers members,
      AppliedUpload upload,
      UploadChanges changes,
      SeatTally tally,
      int before,
      long started)
      throws SQLException {
    long enterpriseId = settings.enterprise().id();
    // this connection's own scope table on PostgreSQL, emptied by truncation when the transaction
    // ends: the shared table's deleted rows are never vacuumed where autovacuum is off, and every
    // lookup of a later scope walked past them (100 ms per statement after 20 batches of members)
    Databases.scratchOfTransaction(connection, "match_scope");
    clearScope(connection, enterpriseId);
    // the anchors below sort every person's key
    bulkSettings(connection, settings.workMem());
    scope(connection, enterpriseId, members, upload);
    // the scope is a temporary table, which autovacuum never analyzes: planned as one row, a scope
    // of 20k people made the since-when delete an anti-join scanning the scope once per person
    // (60 s for an upload changing 20k accounts of 100k, in RepeatedUploadsBenchmark)
    Databases.analyze(connection, "match_scope");
    long scoped = System.nanoTime();
    LeastKey changed = new LeastKey();
    int removed = removeOld(connection, enterpriseId, tally, changed);
    long cleared = System.nanoTime();
    int written;
    UploadChanges.Counts counts;
    try (BulkInsert rows =
            BulkInsert.into(
                connection, "consumed_license", LicenseRows.COLUMNS, LicenseRows.TYPES, false);
        BulkInsert newPeople =
            BulkInsert.into(connection, "match_scope", WRITTEN_COLUMNS, WRITTEN_TYPES, false);
        AccountMembers accounts = AccountMembers.start(connection, enterpriseId, true)) {
      int[] count = {0};
      MatchQuery.streamScoped(
          connection,
          enterpriseId,
          person -> {
            Object[] values =
                LicenseRows.values(settings.enterprise(), person, settings.profileBase());
            rows.row(values);
            changed.offer((byte[]) values[SORT_KEY]);
            newPeople.row(
                enterpriseId,
                "N",
                values[PERSON_ID],
                values[MATCH_KEY] == null ? null : values[SORT_KEY]);
            tally.count(person);
            accounts.add(person);
            if (++count[0] % BATCH == 0) {
              rows.flush();
              newPeople.flush();
              accounts.flush();
            }
          });
      rows.finish();
      newPeople.finish();
      accounts.finish();
      counts = changes == null ? null : changes.count(accounts);
      accounts.apply(upload);
      written = count[0];
    }
    // counted again with the people removed (O) and written (N), which since-when joins
    Databases.analyze(connection, "match_scope");
    int people = before - removed + written;
    long matched = System.nanoTime();
    store(connection, settings, tally, before, people);
    long tallied = System.nanoTime();
    anchorsFrom(connection, enterpriseId, changed.key);
    long anchored = System.nanoTime();
    SeatChanges.recordScoped(
        connection, enterpriseId, settings.now(), cause, before, people, settings.keepFrom());
    if (changes != null) {
      changes.finish(counts, settings.now(), settings.keepFrom());
    }
    if (!Databases.isPostgreSql(connection)) {
      // H2's is a table of the schema; PostgreSQL's temporary one is emptied by the commit
      clearScope(connection, enterpriseId);
    }
    long ended = System.nanoTime();
    return new Result(
        people,
        before,
        (upload == null ? "" : upload.accounts().changedIds().size() + " accounts changed, ")
            + "scoped to "
            + removed
            + " people removed and "
            + written
            + " written: scope "
            + ms(scoped - started)
            + ", old rows cleared "
            + ms(cleared - scoped)
            + ", matched and written "
            + ms(matched - cleared)
            + ", tallied "
            + ms(tallied - matched)
            + ", anchors "
            + ms(anchored - tallied)
            + (upload == null
                ? ", since-when and seat change "
                : ", since-when, seat change and upload changes ")
            + ms(ended - anchored));
  }

  /** Stores the counts; refreshes the statistics when the number of people moved a lot. */
  private static void store(
      Connection connection, Settings settings, SeatTally tally, int before, int people)
      throws SQLException {
    long enterpriseId = settings.enterprise().id();
    tally.storeInstancePeople(connection, enterpriseId);
    tally.storeHistory(
        connection,
        enterpriseId,
        settings.today(),
        settings.enterprise().seatsPurchased(),
        settings.keepFrom());
    if (statisticsStale(before, people)) {
      // the anti-joins of "since when" plan with the rows just written counted: with an empty
      // table's statistics they ran row by row (13 s for 20k people)
      Databases.analyze(connection, "consumed_license", "person_seen");
    }
  }

  /** An instance account as kind E of the scope holds it: instance id, colon, account id. */
  static final String ACCOUNT =
      "CONCAT(CAST(a.instance_id AS VARCHAR(20)), ':', CAST(a.account_id AS VARCHAR(20)))";

  private static final int PERSON_ID = java.util.List.of(LicenseRows.COLUMNS).indexOf("person_id");
  private static final int SORT_KEY = java.util.List.of(LicenseRows.COLUMNS).indexOf("sort_key");
  private static final int MATCH_KEY = java.util.List.of(LicenseRows.COLUMNS).indexOf("match_key");

  /** The least of the sort keys offered (in the database's order: unsigned bytes); null if none. */
  private static final class LeastKey {
    byte[] key;

    void offer(byte[] candidate) {
      if (candidate != null && (key == null || Arrays.compareUnsigned(candidate, key) < 0)) {
        key = candidate;
      }
    }
  }

  /**
   * The anchors of a full matching, taken while the people stream in order: the sort key of every
   * {@value ConsumedLicense#ANCHOR_EVERY}th (a hundredth of the people, 400 KiB at a million),
   * instead of reading every key back and numbering it (1.2 s at 1M on PostgreSQL). Should a key
   * come out of order (the query's order and the keys' byte order are meant to agree), they are
   * numbered from the rows as before.
   */
  private static final class StreamedAnchors {
    private final java.util.List<byte[]> keys = new java.util.ArrayList<>();
    private byte[] last;
    private long seen;
    private boolean ordered = true;

    void offer(byte[] key) {
      if (last != null && Arrays.compareUnsigned(last, key) >= 0) {
        ordered = false;
      }
      last = key;
      if (ordered && seen++ % ConsumedLicense.ANCHOR_EVERY == 0) {
        keys.add(key);
      }
    }

    void write(Connection connection, long enterpriseId) throws SQLException {
      if (!ordered) {
        anchors(connection, enterpriseId);
        return;
      }
      try (PreparedStatement clear =
          connection.prepareStatement(
              "DELETE FROM consumed_license_anchor WHERE enterprise_id = ?")) {
        clear.setLong(1, enterpriseId);
        clear.executeUpdate();
      }
      try (BulkInsert rows =
          BulkInsert.into(
              connection,
              "consumed_license_anchor",
              new String[] {"enterprise_id", "ordinal", "sort_key"},
              new int[] {Types.BIGINT, Types.INTEGER, Types.VARBINARY},
              false)) {
        for (int ordinal = 0; ordinal < keys.size(); ordinal++) {
          rows.row(enterpriseId, ordinal, keys.get(ordinal));
        }
        rows.finish();
      }
    }
  }

  /**
   * Fills the enterprise's {@code match_scope}: C the members the change created, M the others it
   * changed or removed, H the other members holding a key of K or linked to an account of E (all
   * three matched again), K the keys whose Server-only people are matched again, A (besides K) the
   * keys of the accounts to join, E the accounts an {@code upload} changed ({@link #ACCOUNT}; those
   * without email are joined too) and R the ids of those it removed, P the ids of the people
   * (besides K's) whose rows go, and on H2 I the ids of K's Server-only people ({@link
   * PersonIds#serverOnlyByKey}: there their rows are found by id).
   */
  private static void scope(
      Connection connection, long enterpriseId, ChangedMembers members, AppliedUpload upload)
      throws SQLException {
    try (BulkInsert rows =
        BulkInsert.into(connection, "match_scope", SCOPE_COLUMNS, SCOPE_TYPES, false)) {
      for (String login : members.loginKeys()) {
        rows.row(enterpriseId, members.created().contains(login) ? "C" : "M", login);
      }
      for (String key : members.keys()) {
        rows.row(enterpriseId, "K", key);
      }
      for (Long id : members.removedIds()) {
        rows.row(enterpriseId, "P", PersonIds.member(id));
      }
      if (upload != null) {
        // an upload's changed accounts (E); those without email were, or are, people of their own
        for (Long id : upload.accounts().changedIds()) {
          rows.row(enterpriseId, "E", upload.instanceId() + ":" + id);
          rows.row(enterpriseId, "P", PersonIds.accountWithoutEmail(upload.serverId(), id));
        }
        // and those it removed, whose upload states go (R)
        for (Long id : upload.accounts().removedIds()) {
          rows.row(enterpriseId, "R", String.valueOf(id));
        }
      }
      rows.finish();
    }
    boolean pg = Databases.isPostgreSql(connection);
    // the accounts an owner linked to a changed member go where their own key leads without it
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'K', a.primary_key FROM manual_link l JOIN connected_instance i"
            + " ON i.enterprise_id = l.enterprise_id AND i.server_id = l.server_id"
            + " JOIN instance_account a ON a.instance_id = i.id AND a.account_id = l.account_id"
            + " WHERE l.enterprise_id = ? AND l.kind = 'LINK' AND a.primary_key IS NOT NULL"
            + " AND "
            + InScope.of(pg, "l.member_login_key", "'M'", "'C'"),
        3);
    // every other member holding one of those keys (H): which of them wins a key may have changed
    String notChanged = " AND " + InScope.not(pg, "m.login_key", "'M'", "'C'");
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'H', m.login_key FROM enterprise_member m WHERE m.enterprise_id = ?"
            + " AND "
            + InScope.of(pg, "m.saml_name_id_key", "'K'")
            + notChanged,
        4);
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'H', m.login_key FROM member_email e JOIN enterprise_member m"
            + " ON m.id = e.member_id WHERE m.enterprise_id = ? AND e.verified AND "
            + InScope.of(pg, "e.address_key", "'K'")
            + notChanged,
        4);
    // and every member an owner linked to an account the upload changed
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'H', l.member_login_key FROM manual_link l JOIN connected_instance i"
            + " ON i.enterprise_id = l.enterprise_id AND i.server_id = l.server_id"
            + " WHERE l.enterprise_id = ? AND l.kind = 'LINK' AND "
            + InScope.of(
                pg,
                ACCOUNT.replace("a.instance_id", "i.id").replace("a.account_id", "l.account_id"),
                "'E'"),
        3);
    // the accounts to join: those of the keys K (read with A; every key M and C hold is one), and
    // those of the other keys H holds
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'A', m.saml_name_id_key FROM enterprise_member m WHERE m.enterprise_id = ?"
            + " AND m.saml_name_id_key <> '' AND "
            + InScope.of(pg, "m.login_key", "'H'"),
        3);
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'A', e.address_key FROM member_email e JOIN enterprise_member m"
            + " ON m.id = e.member_id WHERE m.enterprise_id = ? AND e.verified AND "
            + InScope.of(pg, "m.login_key", "'H'"),
        3);
    // the people whose rows go besides the Server-only ones of K: the members that had rows (not
    // those just created), and accounts without email linked to any of them (a person of their
    // own once the link no longer holds)
    insert(
        connection,
        enterpriseId,
        "SELECT ?, 'P', CONCAT('m', CAST(m.id AS VARCHAR(20))) FROM enterprise_member m"
            + " WHERE m.enterprise_id = ? AND "
            + InScope.of(pg, "m.login_key", "'M'", "'H'"),
        3);
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT l.server_id, l.account_id FROM manual_link l JOIN connected_instance i"
                    + " ON i.enterprise_id = l.enterprise_id AND i.server_id = l.server_id"
                    + " JOIN instance_account a ON a.instance_id = i.id"
                    + " AND a.account_id = l.account_id WHERE l.enterprise_id = ?"
                    + " AND l.kind = 'LINK' AND a.primary_key IS NULL AND "
                    + InScope.of(pg, "l.member_login_key", "'M'", "'C'", "'H'"));
        BulkInsert rows =
            BulkInsert.into(connection, "match_scope", SCOPE_COLUMNS, SCOPE_TYPES, false)) {
      query.setLong(1, enterpriseId);
      query.setLong(2, enterpriseId);
      try (ResultSet linked = query.executeQuery()) {
        while (linked.next()) {
          rows.row(
              enterpriseId,
              "P",
              PersonIds.accountWithoutEmail(linked.getString(1), linked.getLong(2)));
        }
      }
      rows.finish();
    }
    if (!pg) {
      serverOnlyIds(connection, enterpriseId);
    }
  }

  /**
   * Adds to the scope the id (I) of the Server-only people of each of its email keys (K), by which
   * H2 finds their rows (PostgreSQL finds them by sort key, {@link #removeOld}).
   */
  private static void serverOnlyIds(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT DISTINCT k FROM match_scope WHERE scope = ? AND kind = 'K'");
        BulkInsert rows =
            BulkInsert.into(connection, "match_scope", SCOPE_COLUMNS, SCOPE_TYPES, false)) {
      query.setLong(1, enterpriseId);
      try (ResultSet keys = query.executeQuery()) {
        while (keys.next()) {
          rows.row(enterpriseId, "I", PersonIds.serverOnlyByKey(keys.getString(1)));
        }
      }
      rows.finish();
    }
  }

  /** {@code INSERT INTO match_scope} from {@code select}, whose first {@code uses} ? are it. */
  private static void insert(Connection connection, long enterpriseId, String select, int uses)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO match_scope (scope, kind, k) " + select)) {
      for (int i = 1; i <= uses; i++) {
        insert.setLong(i, enterpriseId);
      }
      insert.executeUpdate();
    }
  }

  /**
   * Removes the rows of the scope's people (those of P, and the Server-only ones of K), taking them
   * out of {@code tally} and noting their ids (kind O); returns how many. P's people are members
   * and accounts without email, the rows the person index holds (those without a match key). On
   * PostgreSQL each kind is one {@code DELETE … RETURNING} (the rows looked up once), and K's
   * people are found by their sort keys ({@link SortKeys#serverOnlySql}, the order index: the
   * person index leaves them out); on H2 the rows are read, then deleted by the same condition, K's
   * people by their ids (I).
   */
  private static int removeOld(
      Connection connection, long enterpriseId, SeatTally tally, LeastKey changed)
      throws SQLException {
    boolean pg = Databases.isPostgreSql(connection);
    String[] which = {
      " AND c.match_key IS NULL AND " + InScope.of(pg, "c.person_id", "'P'"),
      pg
          ? " AND c.sort_key IN (SELECT "
              + SortKeys.serverOnlySql(true, "k")
              + " FROM match_scope WHERE scope = ? AND kind = 'K')"
          : " AND " + InScope.of(false, "c.person_id", "'I'")
    };
    String columns =
        "c.person_id, c.member_id, c.enterprise_server_user, c.github_com_user,"
            + " c.server_accounts, c.sort_key";
    int removed = 0;
    try (BulkInsert old =
        BulkInsert.into(connection, "match_scope", SCOPE_COLUMNS, SCOPE_TYPES, false)) {
      for (String where : which) {
        String delete = "DELETE FROM consumed_license c WHERE c.enterprise_id = ?" + where;
        try (PreparedStatement query =
            connection.prepareStatement(
                pg
                    ? delete + " RETURNING " + columns
                    : "SELECT "
                        + columns
                        + " FROM consumed_license c WHERE c.enterprise_id = ?"
                        + where)) {
          query.setLong(1, enterpriseId);
          query.setLong(2, enterpriseId);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              rows.getLong(2);
              boolean member = !rows.wasNull();
              tally.uncount(member, rows.getBoolean(3), rows.getBoolean(4), rows.getString(5));
              changed.offer(rows.getBytes(6));
              old.row(enterpriseId, "O", rows.getString(1));
              if (pg) {
                removed++;
              }
            }
          }
        }
        if (!pg) {
          try (PreparedStatement deleting = connection.prepareStatement(delete)) {
            deleting.setLong(1, enterpriseId);
            deleting.setLong(2, enterpriseId);
            removed += deleting.executeUpdate();
          }
        }
      }
      old.finish();
    }
    return removed;
  }

  private static void clearScope(Connection connection, long enterpriseId) throws SQLException {
    try (PreparedStatement clear =
        connection.prepareStatement("DELETE FROM match_scope WHERE scope = ?")) {
      clear.setLong(1, enterpriseId);
      clear.executeUpdate();
    }
  }

  /**
   * Rewrites the enterprise's anchors: the sort key of every {@value
   * ConsumedLicense#ANCHOR_EVERY}th person in order (one read of the keys; a hundredth of the rows
   * written).
   */
  static void anchors(Connection connection, long enterpriseId) throws SQLException {
    rewriteAnchors(connection, enterpriseId, 0, null);
  }

  /**
   * After rows were removed or written at sort keys from {@code least} on (null: none), rewrites
   * only the anchors that can have moved: every row before {@code least} kept its position, so the
   * anchors before it stand, and the last of them is where the others are counted from (reading the
   * keys after it, not every key of the enterprise). Without one before {@code least}, all are
   * rewritten.
   */
  static void anchorsFrom(Connection connection, long enterpriseId, byte[] least)
      throws SQLException {
    if (least == null) {
      return;
    }
    int ordinal = -1;
    byte[] from = null;
    try (PreparedStatement last =
        connection.prepareStatement(
            "SELECT ordinal, sort_key FROM consumed_license_anchor WHERE enterprise_id = ?"
                + " AND sort_key < ? ORDER BY ordinal DESC FETCH FIRST 1 ROWS ONLY")) {
      last.setLong(1, enterpriseId);
      last.setBytes(2, least);
      try (ResultSet row = last.executeQuery()) {
        if (row.next()) {
          ordinal = row.getInt(1);
          from = row.getBytes(2);
        }
      }
    }
    if (from == null) {
      anchors(connection, enterpriseId);
    } else {
      rewriteAnchors(connection, enterpriseId, ordinal, from);
    }
  }

  /**
   * Replaces the anchors from {@code ordinal} on with those counted from the row whose sort key is
   * {@code from} (that anchor's own row; null: from the first row, with {@code ordinal} 0).
   */
  private static void rewriteAnchors(
      Connection connection, long enterpriseId, int ordinal, byte[] from) throws SQLException {
    try (PreparedStatement clear =
        connection.prepareStatement(
            "DELETE FROM consumed_license_anchor WHERE enterprise_id = ? AND ordinal >= ?")) {
      clear.setLong(1, enterpriseId);
      clear.setInt(2, ordinal);
      clear.executeUpdate();
    }
    int every = ConsumedLicense.ANCHOR_EVERY;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO consumed_license_anchor (enterprise_id, ordinal, sort_key)"
                + " SELECT ?, ? + CAST((o.rn - 1) / "
                + every
                + " AS INTEGER), o.sort_key FROM (SELECT c.sort_key,"
                + " ROW_NUMBER() OVER (ORDER BY c.sort_key) AS rn FROM consumed_license c"
                + " WHERE c.enterprise_id = ?"
                + (from == null ? "" : " AND c.sort_key >= ?")
                + ") o WHERE MOD(o.rn - 1, "
                + every
                + ") = 0")) {
      insert.setLong(1, enterpriseId);
      insert.setInt(2, ordinal);
      insert.setLong(3, enterpriseId);
      if (from != null) {
        insert.setBytes(4, from);
      }
      insert.executeUpdate();
    }
  }

  /** The enterprise's people as the last matching counted them (its latest seat change). */
  public static int head(Connection connection, long enterpriseId) throws SQLException {
    return (int) SeatChanges.latest(connection, enterpriseId).seatsAfter();
  }

  private static void bulkSettings(Connection connection, String workMem) throws SQLException {
    Databases.withoutJit(connection);
    if (Databases.isPostgreSql(connection) && workMem.matches("[0-9]{1,6}(kB|MB|GB)")) {
      // sorts and hashes of a million rows in memory, for this transaction only
      try (Statement set = connection.createStatement()) {
        set.execute("SET LOCAL work_mem = '" + workMem + "'");
      }
    }
  }

  /**
   * Whether the people's tables changed enough since the last matching ({@code before} people,
   * {@code after} now) that PostgreSQL's statistics of them mislead its plans: from {@value #LARGE}
   * people, a change of more than a fifth.
   */
  public static boolean statisticsStale(int before, int after) {
    return after >= LARGE && Math.abs((long) after - before) * 5 > before;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
