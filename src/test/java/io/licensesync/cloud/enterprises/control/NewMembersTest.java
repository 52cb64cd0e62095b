package io.licensesync.cloud.enterprises.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.cloud.enterprises.entity.MemberProfile.Email;
import io.licensesync.cloud.licensing.control.MigratedH2;
import io.licensesync.cloud.licensing.control.MigratedPostgreSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * New members written in bulk read back as provisioned, with ids no other draw from the shared
 * sequence can give: on H2 and on PostgreSQL (COPY) when reachable.
 */
class NewMembersTest {

  private static final Instant AT = Instant.parse("2026-12-05T10:15:30.123456Z");

  @Test
  void newMembersReadBackAsProvisionedOnH2() throws Exception {
    try (Connection db = MigratedH2.open("new-members")) {
      writesAndReadsBack(db);
    }
  }

  @Test
  void andOnPostgreSql() throws Exception {
    MigratedPostgreSql.withConnection("new_members_test", this::writesAndReadsBack);
  }

  private void writesAndReadsBack(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
              + " version) VALUES (1, 'acme', 'Acme', 10, 'acme.example', CURRENT_TIMESTAMP, 0)");
    }
    List<MemberProfile> profiles = new ArrayList<>();
    for (int i = 0; i < 123; i++) {
      profiles.add(profile(i));
    }
    NewMembers.insert(db, 1, profiles.subList(0, 3), AT);
    NewMembers.insert(db, 1, profiles.subList(3, profiles.size()), AT);
    NewMembers.insert(db, 1, List.of(), AT);

    Map<String, MemberLookup.Stored> stored =
        MemberLookup.byLoginKey(
            db, 1, profiles.stream().map(p -> p.login().toLowerCase(Locale.ROOT)).toList());
    assertEquals(profiles.size(), stored.size());
    Set<Long> ids = new HashSet<>();
    for (MemberProfile p : profiles) {
      MemberLookup.Stored one = stored.get(p.login().toLowerCase(Locale.ROOT));
      assertEquals(p.login(), one.profile().login());
      assertTrue(one.sameAs(p), p.login() + " reads back as provisioned");
      assertTrue(ids.add(one.id()));
    }
    try (Statement s = db.createStatement();
        ResultSet row =
            s.executeQuery(
                "SELECT COUNT(*), MIN(created_at), MAX(created_at), MAX(version),"
                    + " COUNT(saml_name_id_key) FROM enterprise_member")) {
      row.next();
      assertEquals(profiles.size(), row.getLong(1));
      assertEquals(AT, row.getObject(2, java.time.OffsetDateTime.class).toInstant());
      assertEquals(AT, row.getObject(3, java.time.OffsetDateTime.class).toInstant());
      assertEquals(0, row.getLong(4));
      assertEquals(profiles.stream().filter(p -> p.samlNameId() != null).count(), row.getLong(5));
    }
    // the block JPA's pooled optimizer would take next (value - 49 … value) holds none of them
    long next;
    try (Statement s = db.createStatement();
        ResultSet row =
            s.executeQuery(
                io.licensesync.database.Databases.isPostgreSql(db)
                    ? "SELECT nextval('cloud_seq')"
                    : "SELECT NEXT VALUE FOR cloud_seq")) {
      row.next();
      next = row.getLong(1);
    }
    for (long id = next - NewMembers.BLOCK + 1; id <= next; id++) {
      assertTrue(!ids.contains(id), "id " + id + " was given twice");
    }
  }

  private static MemberProfile profile(int i) {
    List<Email> emails = new ArrayList<>();
    for (int e = 0; e < i % 3; e++) {
      emails.add(new Email("New" + i + "." + e + "@Acme.example", e == 1));
    }
    return new MemberProfile(
        "New-" + i,
        i % 4 == 0 ? null : "New\tMember " + i + " \\ o'brien",
        emails,
        i % 5 == 0 ? "new" + i + "@IdP.example" : null,
        EnterpriseRole.values()[i % EnterpriseRole.values().length],
        i % 2 == 0 ? List.of() : List.of("acme:Member"),
        i % 6 == 0 ? List.of("widgets", "gadgets") : List.of(),
        i % 2 == 1,
        i % 3 == 1);
  }
}
