package io.licensesync.cloud.licensing.control;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own, built by the Flyway migrations, in the PostgreSQL of the in-container tests'
 * second run (127.0.0.1:5432, database test), for tests of our SQL on PostgreSQL; the test is
 * skipped when that PostgreSQL is not reachable, and the schema dropped after it.
 */
public final class MigratedPostgreSql {

  private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";

  /** What a test does with the migrated schema. */
  @FunctionalInterface
  public interface Work {
    void run(org.postgresql.ds.PGSimpleDataSource schema) throws Exception;
  }

  private MigratedPostgreSql() {}

  /** Runs {@code work} on a new migrated schema whose name starts with {@code name}. */
  public static void run(String name, Work work) throws Exception {
    empty(
        name,
        pg -> {
          io.licensesync.database.Migrations.configure(
                  pg, MigratedPostgreSql.class.getClassLoader())
              .load()
              .migrate();
          work.run(pg);
        });
  }

  /**
   * Runs {@code work} on a new empty schema whose name starts with {@code name} (for a test that
   * migrates it itself), dropped afterwards.
   */
  public static void empty(String name, Work work) throws Exception {
    String schema = name + "_" + UUID.randomUUID().toString().replace("-", "");
    Connection admin;
    try {
      admin = DriverManager.getConnection(BASE, "postgres", "");
    } catch (SQLException unreachable) {
      org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + BASE);
      return;
    }
    try (admin;
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
        pg.setURL(BASE + "?currentSchema=" + schema);
        pg.setUser("postgres");
        work.run(pg);
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /** As {@link #run}, with one connection (auto-commit off) to the schema. */
  public static void withConnection(String name, ConnectionWork work) throws Exception {
    run(
        name,
        pg -> {
          try (Connection db = pg.getConnection()) {
            db.setAutoCommit(false);
            work.run(db);
          }
        });
  }

  /** What a test does over one connection. */
  @FunctionalInterface
  public interface ConnectionWork {
    void run(Connection db) throws Exception;
  }
}
