package io.licensesync.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class DatabasesTest {

  @Test
  void aLostOrRefusedConnectionDeepInTheCausesIsTheDatabaseAway() {
    SQLException postgresRefused =
        new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
    assertTrue(Databases.away(new PersistenceException("flush failed", postgresRefused)));
    assertTrue(Databases.away(new RuntimeException(new SQLException("terminating", "57P01"))));
    assertTrue(Databases.away(new SQLException("Connection is broken", "90067")));
    assertTrue(
        Databases.away(
            new RuntimeException(
                new jakarta.resource.ResourceException("Error in allocating a connection"))));
  }

  @Test
  void anyOtherFailureIsNot() {
    assertFalse(Databases.away(new IllegalStateException("bug")));
    assertFalse(
        Databases.away(
            new PersistenceException(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
  }

  @Test
  void theReasonNamesTypesAndStateButNeverTheMessageWhichMayQuoteValues() {
    String reason =
        Databases.reason(
            new PersistenceException(
                "could not execute statement",
                new SQLException("Key (email)=(someone@example.com) already exists", "23505")));
    assertFalse(reason.contains("example.com"), reason);
    assertTrue(reason.contains("23505") && reason.contains("PersistenceException"), reason);
    assertTrue(
        Databases.reason(new SQLException("refused", "08001")).startsWith("the database is"));
  }

  /**
   * On PostgreSQL (when reachable), a table's statistics are gathered when they never were, and
   * again only once the rows written are a fifth of the rows they counted.
   */
  @Test
  void statisticsAreGatheredWhenMissingOrAFifthOfTheTableChanged() throws Exception {
    String schema = "databases_test_" + java.util.UUID.randomUUID().toString().replace("-", "");
    String base = "jdbc:postgresql://127.0.0.1:5432/test";
    java.sql.Connection db;
    try {
      db = java.sql.DriverManager.getConnection(base, "postgres", "");
    } catch (SQLException unreachable) {
      org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + base);
      return;
    }
    try (db;
        java.sql.Statement s = db.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        s.execute("SET search_path TO " + schema);
        s.execute("CREATE TABLE t (n INT)");
        s.execute("INSERT INTO t SELECT g FROM generate_series(1, 1000) g");
        db.setAutoCommit(false);
        Databases.analyzeIfStale(db, 1000, "t");
        assertEquals(1000, counted(s));
        s.execute("INSERT INTO t SELECT g FROM generate_series(1, 150) g");
        Databases.analyzeIfStale(db, 150, "t");
        assertEquals(1000, counted(s), "150 rows of 1000 leave the statistics as they are");
        s.execute("INSERT INTO t SELECT g FROM generate_series(1, 100) g");
        Databases.analyzeIfStale(db, 250, "t");
        assertEquals(1250, counted(s), "250 rows of 1000 gather them again");
        db.rollback();
        db.setAutoCommit(true);
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static long counted(java.sql.Statement s) throws SQLException {
    try (java.sql.ResultSet row =
        s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = to_regclass('t')")) {
      row.next();
      return (long) row.getDouble(1);
    }
  }
}
