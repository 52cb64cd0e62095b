package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.licensesync.identity.Emails;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A Server-only person's id computed by the database is the one matching wrote: scoped matching
 * removes those people by id and the People page finds them by id from a member's unverified email,
 * so the SQL of {@link PersonIds#serverOnlyByKeySql} must give, on H2 and on PostgreSQL, exactly
 * {@link PersonIds#serverOnlyByKey} of the same key, whatever its characters.
 */
class PersonIdsTest {

  private static final List<String> EMAILS =
      List.of(
          "mona@acme.example",
          "Ünïcödé.Ŝtraße@例え.テスト",
          "o'brien+tag@ghe.example",
          "emoji😀@acme.example",
          "a@b");

  @Test
  void h2ComputesTheIdsMatchingWrites() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:person-ids")) {
      assertSameIds(db, false);
    }
  }

  @Test
  void postgreSqlComputesTheIdsMatchingWrites() throws SQLException {
    Connection db;
    try {
      db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    } catch (SQLException unreachable) {
      Assumptions.abort("no PostgreSQL at 127.0.0.1:5432");
      return;
    }
    try (db) {
      assertSameIds(db, true);
    }
  }

  private static void assertSameIds(Connection db, boolean pg) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT " + PersonIds.serverOnlyByKeySql(pg, "CAST(? AS VARCHAR(320))"))) {
      for (String email : EMAILS) {
        String key = Emails.keyOf(email);
        query.setString(1, key);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          assertEquals(PersonIds.serverOnlyByKey(key), row.getString(1), key);
        }
      }
    }
  }
}
