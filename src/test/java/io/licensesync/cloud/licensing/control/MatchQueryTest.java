package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.identity.Emails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The set-based matcher agrees with the in-memory one: random enterprises (case-varied and padded
 * emails, unverified ones, SAML NameIDs, keys shared by several members, accounts without email,
 * several Servers) are matched both ways on an in-memory H2 database the Flyway migrations built.
 */
class MatchQueryTest {

  private static final long ENTERPRISE = 1;
  private static final String[] HOSTS = {"ghe-b.example", "ghe-a.example", "Ghe-c.example"};

  @Test
  void sqlMatchingFindsTheSamePeopleInTheSameOrderAsTheInMemoryMatcher() throws Exception {
    for (long seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      int members = 50 + random.nextInt(400);
      int accountsPerHost = 100 + random.nextInt(1500);
      try (Connection db = database()) {
        Scenario scenario = Scenario.random(random, members, accountsPerHost);
        scenario.store(db);
        List<String> expected = expected(scenario);
        List<String> actual = new ArrayList<>();
        int count = MatchQuery.stream(db, ENTERPRISE, person -> actual.add(describe(person)));
        assertEquals(expected, actual, "seed " + seed);
        assertEquals(expected.size(), count, "seed " + seed);
      }
    }
  }

  @Test
  void aMembersVerifiedEmailsComeWithItAndItsSeatFollowsTheCloudSeatRules() throws Exception {
    try (Connection db = database()) {
      Scenario scenario = new Scenario();
      scenario.members.add(
          member(
              "Mona",
              null,
              List.of(
                  new MemberProfile.Email("mona@acme.example", true),
                  new MemberProfile.Email("mona@else.example", false)),
              EnterpriseRole.MEMBER,
              List.of("acme:Owner"),
              List.of()));
      scenario.members.add(
          member("billing", null, List.of(), EnterpriseRole.BILLING_MANAGER, List.of(), List.of()));
      scenario.store(db);
      List<MatchQuery.MatchedPerson> people = new ArrayList<>();
      MatchQuery.stream(db, ENTERPRISE, people::add);
      assertEquals(1, people.size());
      assertEquals("Mona", people.get(0).member().login());
      assertEquals(List.of("mona@acme.example"), people.get(0).member().verifiedEmails());
      assertEquals(List.of("acme:Owner"), people.get(0).member().orgRoles());
      assertEquals(true, people.get(0).consumesCloudSeat());
    }
  }

  @Test
  void anOwnersLinkJoinsAnAccountToAMemberAndARefusalKeepsTheAutomaticRuleFromJoiningThem()
      throws Exception {
    try (Connection db = database()) {
      Scenario scenario = new Scenario();
      scenario.members.add(
          member(
              "Mona",
              null,
              List.of(new MemberProfile.Email("mona@acme.example", true)),
              EnterpriseRole.MEMBER,
              List.of("acme:Member"),
              List.of()));
      scenario.accounts.add(new ServerAccount(HOSTS[0], 1, "MONA@acme.example", List.of()));
      scenario.accounts.add(new ServerAccount(HOSTS[0], 2, "octocat@home.example", List.of()));
      scenario.accounts.add(new ServerAccount(HOSTS[1], 3, "octocat@home.example", List.of()));
      scenario.store(db);

      List<MatchQuery.MatchedPerson> before = new ArrayList<>();
      MatchQuery.stream(db, ENTERPRISE, before::add);
      assertEquals(2, before.size());
      assertEquals(
          List.of(new MatchQuery.Origin("server-0", "verified_email")), before.get(0).origins());
      assertEquals("verified_email", PersonIds.memberMatchedBy(before.get(0)));
      assertEquals("primary_email", PersonIds.serverOnlyMatchedBy(before.get(1)));

      decide(db, "link", "server-0", 2);
      List<MatchQuery.MatchedPerson> linked = new ArrayList<>();
      MatchQuery.stream(db, ENTERPRISE, linked::add);
      assertEquals(2, linked.size(), "account 2 joins Mona; account 3 stays on its own");
      assertEquals(
          List.of(
              new MatchQuery.Origin("server-0", "verified_email"),
              new MatchQuery.Origin("server-0", "manual_link")),
          linked.get(0).origins());
      assertEquals("manual_link", PersonIds.memberMatchedBy(linked.get(0)));
      assertEquals("none", PersonIds.serverOnlyMatchedBy(linked.get(1)));

      decide(db, "not_same", "server-0", 1);
      List<MatchQuery.MatchedPerson> refused = new ArrayList<>();
      MatchQuery.stream(db, ENTERPRISE, refused::add);
      assertEquals(3, refused.size(), "account 1 is no longer Mona's: a person of its own");
      assertEquals(
          List.of(2L),
          refused.get(0).serverAccounts().stream().map(ServerAccount::accountId).toList());
      assertEquals("e" + PersonIds.hash("mona@acme.example"), PersonIds.serverOnly(refused.get(1)));
    }
  }

  private static void decide(Connection db, String kind, String serverId, long accountId)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO manual_link (id, enterprise_id, kind, server_id, account_id,"
                + " member_login, member_login_key, created_by, created_at)"
                + " VALUES (?, 1, ?, ?, ?, 'Mona', 'mona', 'boss', CURRENT_TIMESTAMP)")) {
      insert.setLong(1, accountId * 10 + kind.length());
      insert.setString(2, kind.toUpperCase(Locale.ROOT));
      insert.setString(3, serverId);
      insert.setLong(4, accountId);
      insert.executeUpdate();
    }
  }

  // ------------------------------------------------------------------------------------------

  /** The in-memory matcher's people, with the one documented difference put in SQL's order. */
  private static List<String> expected(Scenario scenario) {
    List<Person> people = PersonMatcher.match(scenario.members, scenario.accounts);
    List<Person> withoutEmail =
        people.stream()
            .filter(p -> p.member() == null)
            .filter(p -> p.serverAccounts().stream().allMatch(a -> a.primaryEmail() == null))
            .sorted(
                Comparator.comparing((Person p) -> p.serverAccounts().get(0).hostname())
                    .thenComparingLong(p -> p.serverAccounts().get(0).accountId()))
            .toList();
    List<String> described = new ArrayList<>();
    people.stream().filter(p -> !withoutEmail.contains(p)).forEach(p -> described.add(describe(p)));
    withoutEmail.forEach(p -> described.add(describe(p)));
    return described;
  }

  private static String describe(Person person) {
    return (person.member() == null ? "-" : person.member().login())
        + " seat="
        + person.consumesCloudSeat()
        + " "
        + accounts(person.serverAccounts());
  }

  private static String describe(MatchQuery.MatchedPerson person) {
    return (person.member() == null ? "-" : person.member().login())
        + " seat="
        + person.consumesCloudSeat()
        + " "
        + accounts(person.serverAccounts());
  }

  private static String accounts(List<ServerAccount> accounts) {
    return accounts.stream()
        .map(a -> a.userId() + "=" + a.primaryEmail())
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static Connection database() throws SQLException {
    return MigratedH2.open("match");
  }

  private static Member member(
      String login,
      String samlNameId,
      List<MemberProfile.Email> emails,
      EnterpriseRole role,
      List<String> orgRoles,
      List<String> pendingInvites) {
    return new Member(
        ENTERPRISE,
        new MemberProfile(
            login, login + " name", emails, samlNameId, role, orgRoles, pendingInvites, true, true),
        Instant.now());
  }

  /** Members and Server accounts of one enterprise, both as objects and as rows. */
  private static final class Scenario {
    final List<Member> members = new ArrayList<>();
    final List<ServerAccount> accounts = new ArrayList<>();

    static Scenario random(Random random, int memberCount, int accountsPerHost) {
      Scenario scenario = new Scenario();
      // a small pool of addresses, so that keys are shared by members and accounts
      List<String> pool = new ArrayList<>();
      for (int i = 0; i < memberCount * 2; i++) {
        pool.add((random.nextBoolean() ? "p" : "P_") + i + "@Acme.example");
      }
      Set<String> logins = new HashSet<>();
      while (scenario.members.size() < memberCount) {
        String login =
            vary(random, (random.nextInt(3) == 0 ? "a-" : "m") + random.nextInt(memberCount * 5))
                .strip();
        if (!logins.add(login.toLowerCase(Locale.ROOT))) {
          continue;
        }
        List<MemberProfile.Email> emails = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int e = random.nextInt(4); e > 0; e--) {
          String address = vary(random, pool.get(random.nextInt(pool.size())));
          if (keys.add(Emails.keyOf(address))) {
            emails.add(new MemberProfile.Email(address, random.nextInt(3) > 0));
          }
        }
        String nameId =
            random.nextInt(4) == 0 ? vary(random, pool.get(random.nextInt(pool.size()))) : null;
        EnterpriseRole role =
            EnterpriseRole.values()[random.nextInt(EnterpriseRole.values().length)];
        List<String> orgRoles = random.nextInt(3) == 0 ? List.of() : List.of("acme:Member");
        List<String> invites = random.nextInt(5) == 0 ? List.of("acme") : List.of();
        scenario.members.add(
            new Member(
                ENTERPRISE,
                new MemberProfile(
                    login,
                    random.nextBoolean() ? null : login + " name",
                    emails,
                    nameId,
                    role,
                    orgRoles,
                    invites,
                    random.nextBoolean(),
                    random.nextBoolean()),
                Instant.now()));
      }
      for (String host : HOSTS) {
        Set<Long> ids = new HashSet<>();
        while (ids.size() < accountsPerHost) {
          long id = 1 + random.nextInt(accountsPerHost * 20);
          if (!ids.add(id)) {
            continue;
          }
          int kind = random.nextInt(20);
          String primary =
              kind == 0
                  ? null
                  : kind < 10
                      ? vary(random, pool.get(random.nextInt(pool.size())))
                      : vary(random, "only" + random.nextInt(accountsPerHost * 2) + "@ghe.example");
          scenario.accounts.add(new ServerAccount(host, id, primary, List.of()));
        }
      }
      return scenario;
    }

    /** The same address as a person might type it: case changed, spaces around sometimes. */
    private static String vary(Random random, String text) {
      String varied =
          switch (random.nextInt(3)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> text.toLowerCase(Locale.ROOT);
            default -> text;
          };
      return random.nextInt(10) == 0 ? " " + varied + " " : varied;
    }

    void store(Connection db) throws SQLException {
      Timestamp now = Timestamp.from(Instant.now());
      try (Statement s = db.createStatement()) {
        s.execute(
            "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
                + " version) VALUES (1, 'acme', 'Acme', 10, 'acme.example', CURRENT_TIMESTAMP, 0)");
        // another enterprise with the same keys: never matched with this one's
        s.execute(
            "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
                + " version) VALUES (2, 'other', 'Other', 10, '', CURRENT_TIMESTAMP, 0)");
      }
      try (PreparedStatement member =
              db.prepareStatement(
                  "INSERT INTO enterprise_member (id, enterprise_id, login, login_key, name,"
                      + " saml_name_id, saml_name_id_key, enterprise_role, org_roles,"
                      + " pending_invites, private_repo_access, two_factor, created_at, version)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
          PreparedStatement email =
              db.prepareStatement(
                  "INSERT INTO member_email (member_id, address, address_key, verified)"
                      + " VALUES (?, ?, ?, ?)")) {
        long id = 100;
        for (long enterprise : new long[] {ENTERPRISE, 2}) {
          for (Member m : members) {
            id++;
            member.setLong(1, id);
            member.setLong(2, enterprise);
            member.setString(3, m.login());
            member.setString(4, Member.keyOf(m.login()));
            member.setString(5, m.name());
            member.setString(6, m.samlNameId());
            member.setString(7, m.samlNameId() == null ? null : MemberEmail.keyOf(m.samlNameId()));
            member.setString(8, m.role().name());
            member.setString(9, String.join(",", m.orgRoles()));
            member.setString(10, String.join(",", m.pendingInvites()));
            member.setBoolean(11, m.privateRepoAccess());
            member.setBoolean(12, m.twoFactor());
            member.setTimestamp(13, now);
            member.executeUpdate();
            for (MemberEmail e : m.emails()) {
              email.setLong(1, id);
              email.setString(2, e.address());
              email.setString(3, e.key());
              email.setBoolean(4, e.verified());
              email.addBatch();
            }
            email.executeBatch();
          }
        }
      }
      try (PreparedStatement instance =
              db.prepareStatement(
                  "INSERT INTO connected_instance (id, enterprise_id, server_id, hostname, version,"
                      + " connected_at, accounts_count, row_version)"
                      + " VALUES (?, ?, ?, ?, '3.17.0', ?, 0, 0)");
          PreparedStatement account =
              db.prepareStatement(
                  "INSERT INTO instance_account (instance_id, account_id, primary_email,"
                      + " primary_key, other_emails) VALUES (?, ?, ?, ?, '')")) {
        for (int i = 0; i < HOSTS.length; i++) {
          instance.setLong(1, i + 1);
          instance.setLong(2, ENTERPRISE);
          instance.setString(3, "server-" + i);
          instance.setString(4, HOSTS[i]);
          instance.setTimestamp(5, now);
          instance.executeUpdate();
        }
        for (ServerAccount a : accounts) {
          account.setLong(1, 1 + List.of(HOSTS).indexOf(a.hostname()));
          account.setLong(2, a.accountId());
          account.setString(3, a.primaryEmail());
          account.setString(4, a.primaryEmail() == null ? null : Emails.keyOf(a.primaryEmail()));
          account.addBatch();
        }
        account.executeBatch();
      }
    }
  }
}
