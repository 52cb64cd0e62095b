package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.database.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matching rules of {@link PersonMatcher}, set-based in SQL so that an enterprise of a million
 * accounts is never held in memory: each Server account's member is resolved by joins on stored
 * keys (its {@code primary_key} against a member's {@code saml_name_id_key} first, then against a
 * verified {@code member_email.address_key}; when several members share a key the first by login
 * wins), and one ordered query streams the people, a person's rows together, through a cursor. The
 * same SQL runs on H2 and PostgreSQL; on PostgreSQL text is compared with {@code COLLATE "C"} so
 * the order is Java's (code point order, whatever the database's default collation).
 *
 * <p>The order is {@link PersonMatcher}'s: members by login, then Server-only people by email key,
 * a person's accounts by hostname and account id. One documented difference: Server accounts with
 * no email at all (each a person of its own) come last ordered by hostname, then account id (the
 * in-memory matcher orders them by the text {@code hostname:id}).
 */
public final class MatchQuery {

  private static final int FETCH = 1000;

  /**
   * The members the scope matches again: those created (C) and changed (M), and the other holders
   * of K (H).
   */
  private static final String[] MEMBERS = {"'M'", "'C'", "'H'"};

  private MatchQuery() {}

  /** A member as matching streams it: its stored values, and its verified email addresses. */
  public record MemberRow(
      long id,
      String login,
      String name,
      String samlNameId,
      EnterpriseRole role,
      List<String> orgRoles,
      List<String> pendingInvites,
      boolean privateRepoAccess,
      boolean twoFactor,
      List<String> verifiedEmails) {}

  /**
   * One person of the result: a member (null for Server-only people) and Server accounts, with each
   * account's instance and the rule that put it here ({@code origins}, parallel to {@code
   * serverAccounts}); {@code sortKey} is the person's place in the enterprise's stable order
   * ({@link SortKeys}).
   */
  public record MatchedPerson(
      MemberRow member,
      boolean consumesCloudSeat,
      List<ServerAccount> serverAccounts,
      List<Origin> origins,
      byte[] sortKey) {}

  /**
   * Where a Server account comes from and how it joined its person: {@code matchedBy} is {@code
   * manual_link}, {@code saml_name_id} or {@code verified_email} for an account matched to a
   * member, null for a Server-only account.
   */
  public record Origin(String serverId, String matchedBy) {}

  /** Receives the people in order, one at a time. */
  @FunctionalInterface
  public interface People {
    void accept(MatchedPerson person) throws SQLException;
  }

  /**
   * Streams enterprise {@code enterpriseId}'s people, in the stable order, to {@code people};
   * returns how many there were. Only one person's rows are held at a time.
   */
  public static int stream(Connection connection, long enterpriseId, People people)
      throws SQLException {
    return stream(connection, enterpriseId, false, people);
  }

  /**
   * Streams, in the stable order, only the people in the enterprise's {@code match_scope} (see
   * {@code Matching#scoped}): members whose login key is of kind {@code C}, {@code M} or {@code H}
   * (with all their accounts), Server-only people whose email key is of kind {@code K}, and
   * accounts without email linked to such a member or of kind {@code E}. Only accounts whose
   * primary key is of kind {@code A} or {@code K}, that are linked to such a member, or that have
   * no email and are of kind {@code E} are joined.
   */
  public static int streamScoped(Connection connection, long enterpriseId, People people)
      throws SQLException {
    return stream(connection, enterpriseId, true, people);
  }

  private static int stream(Connection connection, long enterpriseId, boolean scoped, People people)
      throws SQLException {
    boolean pg = Databases.isPostgreSql(connection);
    String sql = sql(pg, scoped);
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setFetchSize(FETCH);
      // every parameter is the enterprise (the scope's rows are kept under its id)
      int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
      for (int i = 1; i <= parameters; i++) {
        query.setLong(i, enterpriseId);
      }
      try (ResultSet rows = query.executeQuery()) {
        return group(rows, people);
      }
    }
  }

  /**
   * The people query, for PostgreSQL ({@code pg}, where text compared or ordered is {@code COLLATE
   * "C"}) or H2. Columns: the person (section 0 members, 1 Server-only by email key, 2 Server-only
   * without email; key; id), the row's kind (0 the member, 1 a verified email, 2 a Server account),
   * hostname, account id, txt (the email), then the member's stored values on its own row. {@code
   * scoped}: only the people of the enterprise's {@code match_scope} ({@link #streamScoped}).
   */
  static String sql(boolean pg, boolean scoped) {
    String c = pg ? " COLLATE \"C\"" : "";
    String memberScope = scoped ? " AND " + InScope.of(pg, "m.login_key", MEMBERS) : "";
    String accountScope =
        scoped
            ? " AND ("
                // COLLATE "C" on PostgreSQL: the keys' index is in that order (V28)
                + InScope.of(pg, "a.primary_key" + c, "'A'", "'K'")
                + " OR EXISTS (SELECT 1 FROM manual_link ml WHERE ml.enterprise_id = ?"
                + " AND ml.kind = 'LINK' AND ml.server_id = i.server_id"
                + " AND ml.account_id = a.account_id AND "
                + InScope.of(pg, "ml.member_login_key", MEMBERS)
                + ")"
                + " OR (a.primary_key IS NULL AND "
                + InScope.of(pg, Matching.ACCOUNT, "'E'")
                + "))"
            : "";
    String personScope =
        scoped
            ? " WHERE "
                + InScope.of(pg, "r.member_key", MEMBERS)
                + " OR (r.member_key IS NULL AND (r.primary_key IS NULL OR "
                + InScope.of(pg, "r.primary_key", "'K'")
                + "))"
            : "";
    String bySamlNameId =
        "SELECT saml_name_id_key AS k, MIN(login_key"
            + c
            + ") AS login_key FROM enterprise_member"
            + " WHERE enterprise_id = ? AND saml_name_id_key <> '' GROUP BY saml_name_id_key";
    String byVerifiedEmail =
        "SELECT e.address_key AS k, MIN(m.login_key"
            + c
            + ") AS login_key FROM member_email e JOIN enterprise_member m ON m.id = e.member_id"
            + " WHERE m.enterprise_id = ? AND e.verified GROUP BY e.address_key";
    // an owner's link decides first; a refusal ("not the same person") blocks the automatic rule
    String links =
        "SELECT l.server_id, l.account_id, m.login_key FROM manual_link l JOIN enterprise_member m"
            + " ON m.enterprise_id = l.enterprise_id AND m.login_key = l.member_login_key"
            + " WHERE l.enterprise_id = ? AND l.kind = 'LINK'";
    String bySaml = "(s.login_key IS NOT NULL AND ns.id IS NULL)";
    String byEmail = "(v.login_key IS NOT NULL AND nv.id IS NULL)";
    String accounts =
        "SELECT i.server_id AS sid, i.hostname, a.account_id, a.primary_email, a.primary_key,"
            + " CASE WHEN l.login_key IS NOT NULL THEN l.login_key"
            + " WHEN "
            + bySaml
            + " THEN s.login_key WHEN "
            + byEmail
            + " THEN v.login_key END AS member_key,"
            + " CASE WHEN l.login_key IS NOT NULL THEN 'manual_link'"
            + " WHEN "
            + bySaml
            + " THEN 'saml_name_id' WHEN "
            + byEmail
            + " THEN 'verified_email' END AS how"
            + " FROM instance_account a JOIN connected_instance i ON i.id = a.instance_id"
            + " LEFT JOIN ("
            + links
            + ") l ON l.server_id = i.server_id AND l.account_id = a.account_id"
            + " LEFT JOIN ("
            + bySamlNameId
            + ") s ON s.k = a.primary_key"
            + " LEFT JOIN manual_link ns ON ns.enterprise_id = i.enterprise_id"
            + " AND ns.server_id = i.server_id AND ns.account_id = a.account_id"
            + " AND ns.member_login_key = s.login_key AND ns.kind = 'NOT_SAME'"
            + " LEFT JOIN ("
            + byVerifiedEmail
            + ") v ON v.k = a.primary_key"
            + " LEFT JOIN manual_link nv ON nv.enterprise_id = i.enterprise_id"
            + " AND nv.server_id = i.server_id AND nv.account_id = a.account_id"
            + " AND nv.member_login_key = v.login_key AND nv.kind = 'NOT_SAME'"
            + " WHERE i.enterprise_id = ?"
            + accountScope;
    return "SELECT 0 AS sec, m.login_key"
        + c
        + " AS k1, CAST(0 AS BIGINT) AS k2, 0 AS kind,"
        + " CAST(NULL AS VARCHAR(255))"
        + c
        + " AS hostname, CAST(NULL AS BIGINT) AS account_id, CAST(NULL AS VARCHAR(320))"
        + c
        + " AS txt, m.id, m.login, m.name, m.saml_name_id, m.enterprise_role, m.org_roles,"
        + " m.pending_invites, m.private_repo_access, m.two_factor,"
        + " CAST(NULL AS VARCHAR(64)) AS sid, CAST(NULL AS VARCHAR(16)) AS how"
        + " FROM enterprise_member m WHERE m.enterprise_id = ?"
        + memberScope
        + " UNION ALL"
        + " SELECT 0, m.login_key"
        + c
        + ", 0, 1, NULL, NULL, e.address"
        + c
        + ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        + " FROM member_email e JOIN enterprise_member m ON m.id = e.member_id"
        + " WHERE m.enterprise_id = ? AND e.verified"
        + memberScope
        + " UNION ALL"
        + " SELECT CASE WHEN r.member_key IS NOT NULL THEN 0"
        + " WHEN r.primary_key IS NOT NULL THEN 1 ELSE 2 END,"
        + " COALESCE(r.member_key, r.primary_key, r.hostname)"
        + c
        + ", CASE WHEN r.member_key IS NULL AND r.primary_key IS NULL THEN r.account_id ELSE 0 END,"
        + " 2, r.hostname"
        + c
        + ", r.account_id, r.primary_email"
        + c
        + ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, r.sid, r.how"
        + " FROM ("
        + accounts
        + ") r"
        + personScope
        + " ORDER BY sec, k1, k2, kind, hostname, account_id, txt";
  }

  private static int group(ResultSet rows, People people) throws SQLException {
    int count = 0;
    Builder person = null;
    while (rows.next()) {
      int section = rows.getInt(1);
      String key = rows.getString(2);
      long id = rows.getLong(3);
      if (person == null || !person.is(section, key, id)) {
        if (person != null && person.emit(people)) {
          count++;
        }
        person = new Builder(section, key, id);
      }
      switch (rows.getInt(4)) {
        case 0 -> person.member = member(rows);
        case 1 -> person.verifiedEmails.add(rows.getString(7));
        default -> {
          person.accounts.add(
              new ServerAccount(rows.getString(5), rows.getLong(6), rows.getString(7), List.of()));
          person.origins.add(new Origin(rows.getString(17), rows.getString(18)));
        }
      }
    }
    if (person != null && person.emit(people)) {
      count++;
    }
    return count;
  }

  private static MemberRow member(ResultSet rows) throws SQLException {
    return new MemberRow(
        rows.getLong(8),
        rows.getString(9),
        rows.getString(10),
        rows.getString(11),
        EnterpriseRole.valueOf(rows.getString(12)),
        split(rows.getString(13)),
        split(rows.getString(14)),
        rows.getBoolean(15),
        rows.getBoolean(16),
        List.of());
  }

  /** A member's lists as {@code enterprise_member} stores them: comma-separated. */
  private static List<String> split(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  /** The rows of one person, gathered while the cursor is on them. */
  private static final class Builder {
    final int section;
    final String key;
    final long id;
    MemberRow member;
    final List<String> verifiedEmails = new ArrayList<>(2);
    final List<ServerAccount> accounts = new ArrayList<>(2);
    final List<Origin> origins = new ArrayList<>(2);

    Builder(int section, String key, long id) {
      this.section = section;
      this.key = key;
      this.id = id;
    }

    boolean is(int section, String key, long id) {
      return this.section == section && this.id == id && this.key.equals(key);
    }

    /** Hands the person on when it is one (a member without seat or accounts is not). */
    boolean emit(People people) throws SQLException {
      if (member == null) {
        people.accept(
            new MatchedPerson(
                null,
                false,
                List.copyOf(accounts),
                List.copyOf(origins),
                SortKeys.of(section, key, id)));
        return true;
      }
      boolean seat =
          CloudSeatRules.consumesCloudSeat(
              member.orgRoles(),
              member.role(),
              member.privateRepoAccess(),
              member.pendingInvites());
      if (!seat && accounts.isEmpty()) {
        return false;
      }
      MemberRow complete =
          new MemberRow(
              member.id(),
              member.login(),
              member.name(),
              member.samlNameId(),
              member.role(),
              member.orgRoles(),
              member.pendingInvites(),
              member.privateRepoAccess(),
              member.twoFactor(),
              List.copyOf(verifiedEmails));
      people.accept(
          new MatchedPerson(
              complete,
              seat,
              List.copyOf(accounts),
              List.copyOf(origins),
              SortKeys.of(section, key, id)));
      return true;
    }
  }
}
