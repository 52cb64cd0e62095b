package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.licensesync.cloud.licensing.control.MigratedH2;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the upgrade that dropped the consumed licenses of the old layout, exactly the enterprises
 * that had people and have no rows now are matched again: not one whose latest matching left
 * nobody, not one already matched in the new layout.
 */
class LicensingUpgradeTest {

  @Test
  void onlyEnterprisesThatHadPeopleAndHaveNoRowsAreMatchedAgain() throws SQLException {
    try (Connection db = MigratedH2.open("upgrade");
        Statement s = db.createStatement()) {
      for (int id = 1; id <= 4; id++) {
        s.execute(
            "INSERT INTO enterprise (id, slug, name, seats_purchased, verified_domains,"
                + " created_at, version) VALUES ("
                + id
                + ", 'e"
                + id
                + "', 'E', 10, '', CURRENT_TIMESTAMP, 0)");
      }
      // 1: had 3 people, rows dropped; 2: its latest matching left nobody (earlier: 5);
      // 3: had 2 and is matched in the new layout; 4: never matched
      change(s, 1, 0, 3);
      change(s, 2, 0, 5);
      change(s, 2, 5, 0);
      change(s, 3, 0, 2);
      s.execute(
          "INSERT INTO consumed_license (enterprise_id, person_id, sort_key, github_com_login,"
              + " github_com_name, github_com_profile, github_com_user, github_com_member_roles,"
              + " github_com_enterprise_roles, verified_domain_emails, saml_name_id,"
              + " orgs_with_pending_invites, enterprise_server_user, server_user_ids,"
              + " server_emails, total_user_accounts) VALUES (3, 'm1', X'00', 'mona', '', '',"
              + " true, '', '', '', '', '', false, '', '', 1)");
      List<Long> unmatched = new ArrayList<>();
      try (ResultSet rows = s.executeQuery(LicensingUpgrade.UNMATCHED)) {
        while (rows.next()) {
          unmatched.add(rows.getLong(1));
        }
      }
      assertEquals(List.of(1L), unmatched);
    }
  }

  private static void change(Statement s, int enterprise, int before, int after)
      throws SQLException {
    s.execute(
        "INSERT INTO seat_change (enterprise_id, changed_at, cause, people_added, people_removed,"
            + " seats_before, seats_after) VALUES ("
            + enterprise
            + ", CURRENT_TIMESTAMP, 'test', 0, 0, "
            + before
            + ", "
            + after
            + ")");
  }
}
