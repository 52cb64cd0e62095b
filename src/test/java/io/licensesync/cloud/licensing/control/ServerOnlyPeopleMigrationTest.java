package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.database.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading to V26 keeps every person findable: a Server-only person by email, matched before the
 * upgrade, gets their sort key in since-when's row (how their explanation finds them once the
 * person index leaves them out), a member does not; on PostgreSQL the person index then holds only
 * the rows without a match key.
 */
class ServerOnlyPeopleMigrationTest {

  private static final String KEY = "mona@acme.example";

  @Test
  void onH2() throws Exception {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:v26-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    upgrade(h2, false);
  }

  @Test
  void onPostgreSql() throws Exception {
    MigratedPostgreSql.empty("v26", pg -> upgrade(pg, true));
  }

  private static void upgrade(DataSource db, boolean pg) throws Exception {
    ClassLoader loader = ServerOnlyPeopleMigrationTest.class.getClassLoader();
    Migrations.configure(db, loader).target("25").load().migrate();
    byte[] serverOnly = SortKeys.serverOnly(KEY);
    byte[] member = SortKeys.of(0, "mona", 0);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains, created_at,"
              + " version) VALUES (1, 'acme', 'Acme', 10, '', CURRENT_TIMESTAMP, 0)");
      insertPerson(c, serverOnly, null, PersonIds.serverOnlyByKey(KEY), KEY);
      insertPerson(c, member, 7L, PersonIds.member(7), null);
      s.execute(
          "INSERT INTO person_seen (enterprise_id, person_id, since) VALUES (1, '"
              + PersonIds.serverOnlyByKey(KEY)
              + "', CURRENT_TIMESTAMP), (1, 'm7', CURRENT_TIMESTAMP)");
    }
    Migrations.configure(db, loader).load().migrate();
    try (Connection c = db.getConnection()) {
      assertArrayEquals(serverOnly, seenSortKey(c, PersonIds.serverOnlyByKey(KEY)));
      assertNull(seenSortKey(c, "m7"));
      if (pg) {
        try (Statement s = c.createStatement();
            ResultSet index =
                s.executeQuery(
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                        + " AND indexname = 'consumed_license_person'")) {
          assertTrue(index.next(), "the person index is there");
          String definition = index.getString(1);
          assertTrue(
              definition.contains("hash") && definition.contains("WHERE (match_key IS NULL)"),
              definition);
        }
      }
    }
  }

  private static void insertPerson(
      Connection c, byte[] sortKey, Long memberId, String personId, String matchKey)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO consumed_license (enterprise_id, sort_key, member_id, github_com_login,"
                + " github_com_name, github_com_profile, github_com_user, github_com_member_roles,"
                + " github_com_enterprise_roles, verified_domain_emails, saml_name_id,"
                + " orgs_with_pending_invites, enterprise_server_user, server_user_ids,"
                + " server_emails, total_user_accounts, person_id, match_key)"
                + " VALUES (1, ?, ?, '', '', '', FALSE, '', '', '', '', '', TRUE, '', '', 1, ?, ?)")) {
      insert.setBytes(1, sortKey);
      if (memberId == null) {
        insert.setNull(2, java.sql.Types.BIGINT);
      } else {
        insert.setLong(2, memberId);
      }
      insert.setString(3, personId);
      insert.setString(4, matchKey);
      insert.executeUpdate();
    }
  }

  private static byte[] seenSortKey(Connection c, String personId) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT sort_key FROM person_seen WHERE person_id = ?")) {
      query.setString(1, personId);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next(), personId + " is seen");
        return row.getBytes(1);
      }
    }
  }
}
