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
   * again only once the table is twice what they counted.
   */
  @Test
  void statisticsAreGatheredWhenMissingOrTheTableDoubled() throws Exception {
    io.licensesync.cloud.licensing.control.MigratedPostgreSql.withConnection(
        "databases_test",
        db -> {
          try (java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE TABLE t (n INT)");
            s.execute("INSERT INTO t SELECT g FROM generate_series(1, 1000) g");
            Databases.analyzeIfStale(db, 1000, "t");
            assertEquals(1000, counted(s));
            s.execute("INSERT INTO t SELECT g FROM generate_series(1, 600) g");
            Databases.analyzeIfStale(db, 600, "t");
            assertEquals(1000, counted(s), "1,600 rows against 1,000 counted leave them");
            s.execute("INSERT INTO t SELECT g FROM generate_series(1, 400) g");
            Databases.analyzeIfStale(db, 1000, "t");
            assertEquals(2000, counted(s), "2,000 gather them again");
          }
        });
  }

  /**
   * On PostgreSQL (when reachable), bulk work's transaction runs without JIT compilation, and the
   * connection has it back once the transaction ends (a pooled connection serves other work next).
   */
  @Test
  void jitIsOffForTheTransactionOnly() throws Exception {
    io.licensesync.cloud.licensing.control.MigratedPostgreSql.withConnection(
        "databases_jit_test",
        db -> {
          try (java.sql.Statement s = db.createStatement()) {
            s.execute("SET jit = on");
            db.commit();
            Databases.withoutJit(db);
            assertEquals("off", setting(s, "jit"), "inside the transaction");
            db.commit();
            assertEquals("on", setting(s, "jit"), "after it");
          }
        });
  }

  /**
   * On PostgreSQL (when reachable), a few scratch rows are joined with a large table by probing its
   * index, for the transaction only; as many rows as an eighth of the table leave the planner
   * alone.
   */
  @Test
  void fewScratchRowsProbeTheLargeTablesIndexForTheTransactionOnly() throws Exception {
    io.licensesync.cloud.licensing.control.MigratedPostgreSql.withConnection(
        "databases_probe_test",
        db -> {
          try (java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE TABLE big (n INT PRIMARY KEY, filler VARCHAR(100))");
            s.execute(
                "INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 80000) g");
            s.execute("ANALYZE big");
            s.execute("CREATE TABLE few (n INT)");
            s.execute("INSERT INTO few SELECT g * 7 FROM generate_series(1, 5000) g");
            s.execute("ANALYZE few");
            db.commit();
            String join = "EXPLAIN SELECT b.filler FROM few f JOIN big b ON b.n = f.n";
            assertTrue(readsAll(plan(s, join)), "the planner's own choice reads all of big");

            assertFalse(Databases.probeIndexesWhenFew(db, 10_001, "big"), "more than an eighth");
            assertEquals("on", setting(s, "enable_hashjoin"));

            assertTrue(Databases.probeIndexesWhenFew(db, 5000, "big"));
            String probing = plan(s, join);
            assertTrue(probing.contains("Index Scan using big_pkey"), probing);
            assertFalse(readsAll(probing), probing);
            assertEquals("off", setting(s, "jit"));
            db.commit();
            assertEquals("on", setting(s, "enable_hashjoin"), "after the transaction");
            assertEquals("on", setting(s, "enable_mergejoin"), "after the transaction");
            assertTrue(readsAll(plan(s, join)), "after the transaction");
          }
        });
  }

  private static boolean readsAll(String plan) {
    return plan.contains("Hash Join") || plan.contains("Merge Join");
  }

  private static String plan(java.sql.Statement s, String explain) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (java.sql.ResultSet rows = s.executeQuery(explain)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static String setting(java.sql.Statement s, String name) throws SQLException {
    try (java.sql.ResultSet row = s.executeQuery("SHOW " + name)) {
      row.next();
      return row.getString(1);
    }
  }

  @Test
  void scratchRowsOfATransactionLeaveNothingInTheSharedTable() throws Exception {
    io.licensesync.cloud.licensing.control.MigratedPostgreSql.withConnection(
        "databases_scratch_test",
        db -> {
          try (java.sql.Statement s = db.createStatement()) {
            // two imports on one pooled connection, each staging lines and not deleting them
            for (int transaction = 1; transaction <= 2; transaction++) {
              Databases.scratchOfTransaction(db, "users_import_line");
              s.executeUpdate(
                  "INSERT INTO users_import_line (import_id, line, valid)"
                      + " SELECT 1, g, TRUE FROM generate_series(1, 1000) g");
              assertEquals(1000, count(s, "SELECT COUNT(*) FROM users_import_line"));
              db.commit();
              assertEquals(0, count(s, "SELECT COUNT(*) FROM users_import_line"), "after commit");
            }
            // the shared table was never written: no rows, no dead rows, no pages
            assertEquals(
                0,
                count(
                    s,
                    "SELECT pg_relation_size(to_regclass(current_schema() || '.users_import_line'))"));
          }
        });
  }

  private static long count(java.sql.Statement s, String sql) throws SQLException {
    try (java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
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
