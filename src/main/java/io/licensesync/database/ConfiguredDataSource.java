package io.licensesync.database;

import io.licensesync.security.OwnerOnlyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A {@link DataSource} the server's pool instantiates by class name; it reads {@code
 * licensesync.datasource.url}, {@code .user} and {@code .password} from MicroProfile Config and
 * delegates to the matching vendor data source. This keeps the database a deployment-time choice
 * (system property, environment variable) instead of a build-time one, portably across servers. An
 * embedded H2 database's directory and files are readable by the process's user only.
 */
public class ConfiguredDataSource implements DataSource {

  /**
   * Where the embedded database lives when nothing else is configured: a data folder under the
   * working directory.
   */
  public static final String DEFAULT_URL =
      "jdbc:h2:file:./data/license-sync;DB_CLOSE_ON_EXIT=FALSE";

  private static final Logger LOG = Logger.getLogger(ConfiguredDataSource.class.getName());

  private volatile DataSource delegate;
  private volatile boolean filesNarrowed;
  private int loginTimeout;
  private String description;

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = delegate().getConnection();
    narrowDatabaseFiles();
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (username == null || username.isEmpty()) {
      // WildFly's pool passes the definition's empty user ("", ""): the configured credentials
      // apply.
      return getConnection();
    }
    Connection connection = delegate().getConnection(username, password);
    narrowDatabaseFiles();
    return connection;
  }

  /**
   * An embedded H2 database's directory is made {@code 700} before H2 first opens it; once H2 has
   * written its files (with the process's umask), they are narrowed to {@code 600}.
   */
  private void narrowDatabaseFiles() {
    if (!filesNarrowed) {
      filesNarrowed = true;
      h2File(url())
          .ifPresent(
              file ->
                  OwnerOnlyFiles.narrowFiles(
                      directoryOf(file), file.getFileName().toString() + "."));
    }
  }

  /**
   * The path of an embedded H2 file database (without H2's extension), or empty for any other URL.
   */
  static Optional<Path> h2File(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String location = url.substring("jdbc:h2:".length());
    int semicolon = location.indexOf(';');
    location = semicolon < 0 ? location : location.substring(0, semicolon);
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    } else if (location.matches("^[a-z]{2,}:.*")) {
      return Optional.empty(); // mem:, tcp:, ssl:, zip: …
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    return location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
  }

  static Path directoryOf(Path databaseFile) {
    Path parent = databaseFile.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  private static String url() {
    return ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())
        .getOptionalValue("licensesync.datasource.url", String.class)
        .orElse(DEFAULT_URL);
  }

  private DataSource delegate() throws SQLException {
    DataSource current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create();
        }
        current = delegate;
      }
    }
    return current;
  }

  private static DataSource create() throws SQLException {
    Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    String url = url();
    String user = config.getOptionalValue("licensesync.datasource.user", String.class).orElse("sa");
    String password =
        config.getOptionalValue("licensesync.datasource.password", String.class).orElse("");
    if (url.startsWith("jdbc:h2:")) {
      Optional<Path> file = h2File(url);
      if (file.isPresent()) {
        try {
          OwnerOnlyFiles.directory(directoryOf(file.get()));
        } catch (IOException e) {
          throw new SQLException(
              "cannot create the database directory " + directoryOf(file.get()), e);
        }
      }
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      LOG.info("Database: embedded H2");
      return h2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      postgres.setUser(user);
      postgres.setPassword(password);
      LOG.info("Database: PostgreSQL");
      return postgres;
    }
    throw new SQLException(
        "licensesync.datasource.url must start with jdbc:h2: or jdbc:postgresql:, it does not");
  }

  /**
   * The standard data source property {@code description}. WildFly (IronJacamar) refuses a data
   * source class for which the definition sets no property at all, so {@link LicenseSyncDataSource}
   * sets this one; it is informational only.
   */
  public void setDescription(String description) {
    this.description = description;
  }

  public String getDescription() {
    return description;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // the vendor data sources log through their own loggers
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate().isWrapperFor(iface);
  }
}
