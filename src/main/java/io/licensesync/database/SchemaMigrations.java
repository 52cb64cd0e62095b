package io.licensesync.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before any other start-up work runs; every bean that
 * touches the database at start-up declares {@code @DependsOn("SchemaMigrations")}. Bean-managed
 * transactions because Flyway commits its own work.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = LicenseSyncDataSource.JNDI_NAME)
  DataSource dataSource;

  @PostConstruct
  void migrate() {
    MigrateResult result =
        Migrations.configure(dataSource, SchemaMigrations.class.getClassLoader()).load().migrate();
    LOG.info(
        () ->
            result.migrationsExecuted == 0
                ? "Schema up to date"
                : "Schema migrated to version "
                    + result.targetSchemaVersion
                    + " ("
                    + result.migrationsExecuted
                    + " migrations applied)");
  }
}
