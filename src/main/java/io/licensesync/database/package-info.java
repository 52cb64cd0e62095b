/**
 * The application's one database: the data source both roles share, chosen at run time from
 * configuration (embedded H2 by default, PostgreSQL in production), and the Flyway migrations that
 * shape it before anything else touches it.
 */
package io.licensesync.database;
