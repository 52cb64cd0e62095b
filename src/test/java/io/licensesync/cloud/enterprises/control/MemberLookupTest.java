package io.licensesync.cloud.enterprises.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.cloud.enterprises.entity.MemberProfile.Email;
import io.licensesync.cloud.licensing.control.MigratedH2;
import io.licensesync.cloud.licensing.control.MigratedPostgreSql;
import io.licensesync.identity.Emails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What provisioning compares incoming members with: the stored members of one enterprise by login
 * key, read on H2 and on PostgreSQL (when reachable) from rows the migrations' schema holds.
 */
class MemberLookupTest {

  private static final int MEMBERS = MemberLookup.KEYS_PER_STATEMENT + 7;

  @Test
  void readsTheNamedMembersOfOneEnterpriseOnH2() throws Exception {
    try (Connection db = MigratedH2.open("member-lookup")) {
      readsTheNamedMembers(db);
    }
  }

  @Test
  void andOnPostgreSql() throws Exception {
    MigratedPostgreSql.withConnection("member_lookup_test", this::readsTheNamedMembers);
  }

  /**
   * Enterprise 1 has {@link #MEMBERS} members (more than one statement's keys) with zero to two
   * emails; enterprise 2 has a member with the same login. Asked for every second member, a few
   * unknown logins and the shared login, the lookup returns exactly enterprise 1's named members,
   * each as it was stored.
   */
  private void readsTheNamedMembers(Connection db) throws SQLException {
    insertEnterprise(db, 1, "acme");
    insertEnterprise(db, 2, "other");
    List<MemberProfile> stored = new ArrayList<>();
    try (PreparedStatement member = db.prepareStatement(MEMBER);
        PreparedStatement email = db.prepareStatement(EMAIL)) {
      for (int i = 0; i < MEMBERS; i++) {
        MemberProfile profile = profile(i);
        stored.add(profile);
        add(member, email, 10 + i, 1, profile);
      }
      add(member, email, 5, 2, profile(0));
      member.executeBatch();
      email.executeBatch();
    }
    List<String> asked = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i += 2) {
      asked.add(stored.get(i).login().toLowerCase(Locale.ROOT));
    }
    asked.add("nobody");
    asked.add("nobody-else");

    Map<String, MemberLookup.Stored> found = MemberLookup.byLoginKey(db, 1, asked);

    assertEquals((MEMBERS + 1) / 2, found.size());
    for (int i = 0; i < MEMBERS; i++) {
      MemberLookup.Stored one = found.get(stored.get(i).login().toLowerCase(Locale.ROOT));
      if (i % 2 == 1) {
        assertNull(one, "member " + i + " was not asked for");
        continue;
      }
      assertEquals(10 + i, one.id(), "enterprise 1's member, not enterprise 2's");
      assertEquals(stored.get(i).login(), one.profile().login());
      assertTrue(one.sameAs(stored.get(i)), "member " + i + " reads back as stored");
    }
    assertNull(found.get("nobody"));
    assertTrue(MemberLookup.byLoginKey(db, 2, List.of("nobody")).isEmpty());
  }

  @Test
  void aProfileIsTheSameWhateverTheOrderOfItsEmailsAndDiffersInAnyField() {
    MemberProfile stored = profile(2);
    MemberLookup.Stored one = new MemberLookup.Stored(1, stored);
    List<Email> reversed = new ArrayList<>(stored.emails());
    java.util.Collections.reverse(reversed);
    assertTrue(one.sameAs(with(stored, reversed, stored.name(), stored.role(), false)));
    assertFalse(one.sameAs(with(stored, reversed, "Someone Else", stored.role(), false)));
    assertFalse(one.sameAs(with(stored, reversed, stored.name(), EnterpriseRole.OWNER, false)));
    assertFalse(one.sameAs(with(stored, reversed, stored.name(), stored.role(), true)));
    assertFalse(
        one.sameAs(
            with(
                stored,
                List.of(new Email(stored.emails().get(0).address(), false)),
                stored.name(),
                stored.role(),
                false)));
    assertFalse(
        one.sameAs(
            with(
                stored,
                List.of(stored.emails().get(0), new Email("x@acme.example", true)),
                stored.name(),
                stored.role(),
                false)));
  }

  private static MemberProfile with(
      MemberProfile p, List<Email> emails, String name, EnterpriseRole role, boolean twoFactor) {
    return new MemberProfile(
        p.login(),
        name,
        emails,
        p.samlNameId(),
        role,
        p.orgRoles(),
        p.pendingInvites(),
        p.privateRepoAccess(),
        twoFactor);
  }

  /** Member {@code i}: emails, name, NameID, role and lists vary with it. */
  private static MemberProfile profile(int i) {
    List<Email> emails = new ArrayList<>();
    for (int e = 0; e < i % 3; e++) {
      emails.add(new Email("Member" + i + "." + e + "@Acme.example", e == 0));
    }
    EnterpriseRole[] roles = EnterpriseRole.values();
    return new MemberProfile(
        "Member-" + i,
        i % 5 == 0 ? null : "Member " + i,
        emails,
        i % 4 == 0 ? "member" + i + "@idp.example" : null,
        roles[i % roles.length],
        i % 3 == 0 ? List.of() : List.of("acme:Member", "tools:Admin"),
        i % 7 == 0 ? List.of("widgets") : List.of(),
        i % 2 == 0,
        false);
  }

  private static final String MEMBER =
      "INSERT INTO enterprise_member (id, enterprise_id, login, login_key, name, saml_name_id,"
          + " saml_name_id_key, enterprise_role, org_roles, pending_invites,"
          + " private_repo_access, two_factor, created_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, 0)";

  private static final String EMAIL =
      "INSERT INTO member_email (member_id, address, address_key, verified) VALUES (?, ?, ?, ?)";

  private static void add(
      PreparedStatement member, PreparedStatement email, long id, long enterprise, MemberProfile p)
      throws SQLException {
    member.setLong(1, id);
    member.setLong(2, enterprise);
    member.setString(3, p.login());
    member.setString(4, p.login().toLowerCase(Locale.ROOT));
    member.setString(5, p.name());
    member.setString(6, p.samlNameId());
    member.setString(7, p.samlNameId() == null ? null : Emails.keyOf(p.samlNameId()));
    member.setString(8, p.role().name());
    member.setString(9, String.join(",", p.orgRoles()));
    member.setString(10, String.join(",", p.pendingInvites()));
    member.setBoolean(11, p.privateRepoAccess());
    member.setBoolean(12, p.twoFactor());
    member.addBatch();
    for (Email e : p.emails()) {
      email.setLong(1, id);
      email.setString(2, e.address());
      email.setString(3, Emails.keyOf(e.address()));
      email.setBoolean(4, e.verified());
      email.addBatch();
    }
  }

  private static void insertEnterprise(Connection db, long id, String slug) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
              + " version) VALUES ("
              + id
              + ", '"
              + slug
              + "', 'Acme', 10, 'acme.example', CURRENT_TIMESTAMP, 0)");
    }
  }
}
