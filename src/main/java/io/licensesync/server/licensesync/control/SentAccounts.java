package io.licensesync.server.licensesync.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * The accounts the last successful run sent ({@code synced_account}), and what a new successful run
 * changed: the two id lists, both in increasing order, are walked side by side (the stored one
 * through a cursor, the new one from its file), so neither is ever held in memory; only the
 * differences are written, in batches.
 */
@ApplicationScoped
@Transactional
public class SentAccounts {

  private static final int BATCH = 1000;
  private static final long END = Long.MAX_VALUE;

  @PersistenceContext EntityManager em;

  /** How many accounts were added and removed. */
  public record Changes(int added, int removed) {}

  /** Replaces the stored accounts by those in {@code sortedIds}; answers what changed. */
  public Changes replaceWith(Path sortedIds) {
    return em.unwrap(Session.class).doReturningWork(connection -> walk(connection, sortedIds));
  }

  static Changes walk(Connection connection, Path sortedIds) throws SQLException {
    try (DataInputStream sent =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(sortedIds)));
        PreparedStatement stored =
            connection.prepareStatement(
                "select account_id from synced_account order by account_id");
        PreparedStatement insert =
            connection.prepareStatement("insert into synced_account (account_id) values (?)");
        PreparedStatement delete =
            connection.prepareStatement("delete from synced_account where account_id = ?")) {
      stored.setFetchSize(10_000);
      Batch added = new Batch(insert);
      Batch removed = new Batch(delete);
      try (ResultSet rows = stored.executeQuery()) {
        long now = next(sent);
        long before = rows.next() ? rows.getLong(1) : END;
        while (now != END || before != END) {
          if (now < before) {
            added.add(now);
          } else if (before < now) {
            removed.add(before);
          }
          long smaller = Math.min(now, before);
          if (now == smaller) {
            now = next(sent);
          }
          if (before == smaller) {
            before = rows.next() ? rows.getLong(1) : END;
          }
        }
      }
      return new Changes(added.finish(), removed.finish());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ids of the accounts sent", e);
    }
  }

  /** Ids for one statement, sent every {@value #BATCH}; counts them. */
  private static final class Batch {
    private final PreparedStatement statement;
    private int count;

    Batch(PreparedStatement statement) {
      this.statement = statement;
    }

    void add(long id) throws SQLException {
      statement.setLong(1, id);
      statement.addBatch();
      if (++count % BATCH == 0) {
        statement.executeBatch();
      }
    }

    /** Sends the rest; answers how many there were. */
    int finish() throws SQLException {
      statement.executeBatch();
      return count;
    }
  }

  private static long next(DataInputStream in) throws IOException {
    try {
      return in.readLong();
    } catch (EOFException end) {
      return END;
    }
  }
}
