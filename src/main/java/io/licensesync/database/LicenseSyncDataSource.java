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
    initialPoolSize = 2,
    // Payara: a pooled connection is checked (JDBC isValid) before it is handed out, at most once
    // in 2 s (checking at every handout was a round trip and a class lookup per query: 14 % of a
    // busy read's time), and when one is found dead (the database restarted) all are replaced;
    // WildFly ignores these names
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.validate-atmost-once-period-in-seconds=2",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true"
    })
public final class LicenseSyncDataSource {

  /** The JNDI name persistence.xml and the migrations use. */
  public static final String JNDI_NAME = "java:app/jdbc/licensesync";

  private LicenseSyncDataSource() {}
}
