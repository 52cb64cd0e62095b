package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
 * A Server-only person's sort key computed by the database is the one matching wrote: scoped
 * matching on PostgreSQL removes those people by sort key and the People page finds them by sort
 * key from a member's unverified email, so the SQL of {@link SortKeys#serverOnlySql} must give, on
 * H2 and on PostgreSQL, exactly {@link SortKeys#serverOnly} of the same key (the key matching
 * orders them by, section 1), whatever its characters.
 */
class SortKeysTest {

  private static final List<String> EMAILS =
      List.of(
          "mona@acme.example",
          "Ünïcödé.Ŝtraße@例え.テスト",
          "o'brien+tag@ghe.example",
          "emoji😀@acme.example",
          "a@b");

  @Test
  void h2ComputesTheSortKeysMatchingWrites() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:sort-keys")) {
      assertSameKeys(db, false);
    }
  }

  @Test
  void postgreSqlComputesTheSortKeysMatchingWrites() throws SQLException {
    Connection db;
    try {
      db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    } catch (SQLException unreachable) {
      Assumptions.abort("no PostgreSQL at 127.0.0.1:5432");
      return;
    }
    try (db) {
      assertSameKeys(db, true);
    }
  }

  private static void assertSameKeys(Connection db, boolean pg) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("SELECT " + SortKeys.serverOnlySql(pg, "CAST(? AS VARCHAR(320))"))) {
      for (String email : EMAILS) {
        String key = Emails.keyOf(email);
        query.setString(1, key);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          assertArrayEquals(SortKeys.serverOnly(key), row.getBytes(1), key);
        }
      }
    }
  }
}
