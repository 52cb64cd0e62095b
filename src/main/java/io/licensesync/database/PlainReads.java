package io.licensesync.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads of the few statements every API request runs (who holds an owner token, an enterprise's
 * version, its instances' last sync), without a persistence context or a transaction of their own:
 * through JPQL in a transaction each cost about a fifth of a cached page's CPU (a flight recording
 * under 16 clients), the statement itself a tenth of that.
 *
 * <p>Outside a transaction they run on a small pool of their own (HikariCP, read-only, auto-commit,
 * {@code licensesync.datasource.read-pool-size} connections at most, to the same configured
 * database): handing out a connection of the container's JTA pool matches the pool's whole
 * definition every time, and was half the CPU of these reads and an eighth of a request's
 * allocation. Each statement sees what was committed when it ran. Inside a transaction the
 * container's pool hands out the transaction's own connection, so a read sees what the transaction
 * wrote.
 */
@ApplicationScoped
public class PlainReads {

  @Resource(lookup = LicenseSyncDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "licensesync.datasource.read-pool-size", defaultValue = "8")
  int poolSize;

  private volatile HikariDataSource pool;

  /** A read on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on a pooled connection; a failure comes back as a {@link
   * PersistenceException} with the {@link SQLException} as its cause (as a JPA read's would).
   */
  public <T> T read(Work<T> work) {
    try (Connection connection = connection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new PersistenceException("a read of the database failed", e);
    }
  }

  private Connection connection() throws SQLException {
    if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      return dataSource.getConnection();
    }
    return pool().getConnection();
  }

  private HikariDataSource pool() {
    HikariDataSource open = pool;
    if (open == null) {
      synchronized (this) {
        open = pool;
        if (open == null) {
          HikariConfig config = new HikariConfig();
          config.setPoolName("license-sync-reads");
          config.setDataSource(new ConfiguredDataSource());
          config.setMaximumPoolSize(Math.max(1, poolSize));
          config.setMinimumIdle(1);
          config.setReadOnly(true);
          config.setAutoCommit(true);
          // a request waits this long for a connection (all in use, or the database down) before
          // its read fails
          config.setConnectionTimeout(5_000);
          // the pool opens its first connection on first use, not at deployment
          config.setInitializationFailTimeout(-1);
          open = new HikariDataSource(config);
          pool = open;
        }
      }
    }
    return open;
  }

  @PreDestroy
  void close() {
    HikariDataSource open = pool;
    if (open != null) {
      open.close();
    }
  }
}
