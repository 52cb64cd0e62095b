package io.licensesync.cloud.licensing.control;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh in-memory H2 database the Flyway migrations built, for tests of matching's SQL. */
public final class MigratedH2 {

  private MigratedH2() {}

  /** A connection (auto-commit off) to a new database whose name starts with {@code name}. */
  public static Connection open(String name) throws SQLException {
    String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    io.licensesync.database.Migrations.configure(h2, MigratedH2.class.getClassLoader())
        .load()
        .migrate();
    Connection connection = DriverManager.getConnection(url, "sa", "");
    connection.setAutoCommit(false);
    return connection;
  }
}
