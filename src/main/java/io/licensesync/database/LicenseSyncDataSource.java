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
    // WildFly needs at least one property it can set on the class (IJ031103); see setDescription.
    description = "license-sync database (licensesync.datasource.url, .user, .password)",
    minPoolSize = 2,
    maxPoolSize = 20,
    initialPoolSize = 2)
public final class LicenseSyncDataSource {

  /** The JNDI name persistence.xml and the migrations use. */
  public static final String JNDI_NAME = "java:app/jdbc/licensesync";

  private LicenseSyncDataSource() {}
}
