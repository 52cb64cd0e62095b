package io.licensesync.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The one Flyway configuration, for migrating ({@link SchemaMigrations}) and for reading what is
 * applied (the readiness check): the scripts under {@code db/migration}, and the placeholder that
 * lets one script hold a statement for PostgreSQL only: {@code ${postgresql_only}} is empty there
 * and {@code --} (the rest of the line a comment) on any other database.
 */
public final class Migrations {

  private Migrations() {}

  /** Flyway over {@code dataSource}, its scripts loaded through {@code loader}. */
  public static FluentConfiguration configure(DataSource dataSource, ClassLoader loader) {
    return Flyway.configure(loader)
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(placeholders(isPostgreSql(dataSource)));
  }

  static Map<String, String> placeholders(boolean postgreSql) {
    return Map.of("postgresql_only", postgreSql ? "" : "--");
  }

  private static boolean isPostgreSql(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgresql");
    } catch (SQLException e) {
      throw new IllegalStateException("The database did not answer: " + Databases.reason(e), e);
    }
  }
}
