package io.licensesync.database;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * Declares the application-scoped, pooled, JTA-enlisted data source. Its JDBC details are not baked
 * in here: {@link ConfiguredDataSource} reads them from MicroProfile Config when the pool opens a
 * connection, so the same WAR runs on H2 or PostgreSQL, on Payara Micro or WildFly.
 */
@DataSourceDefinition(
    name = LicenseSyncDataSource.JNDI_NAME,
    className = "io.licensesync.database.ConfiguredDataSource",
    minPoolSize = 2,
    maxPoolSize = 20,
    initialPoolSize = 2)
public final class LicenseSyncDataSource {

  /** The JNDI name persistence.xml and the migrations use. */
  public static final String JNDI_NAME = "java:app/jdbc/licensesync";

  private LicenseSyncDataSource() {}
}
