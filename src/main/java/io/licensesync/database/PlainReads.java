package io.licensesync.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads of the few statements every API request runs (who holds an owner token, an enterprise's
 * version, its instances' last sync) straight from the pooled data source, without a persistence
 * context or a transaction of their own: through JPQL in a transaction each cost about a fifth of a
 * cached page's CPU (a flight recording under 16 clients), the statement itself a tenth of that.
 * Outside a transaction the connection is in auto-commit, so each statement sees what was committed
 * when it ran; inside one the container hands out the transaction's connection.
 */
@ApplicationScoped
public class PlainReads {

  @Resource(lookup = LicenseSyncDataSource.JNDI_NAME)
  DataSource dataSource;

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
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new PersistenceException("a read of the database failed", e);
    }
  }
}
