package io.licensesync.server.licensesync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentAccountsTest {

  @TempDir Path folder;

  private Connection database(long... stored) throws SQLException {
    Connection connection =
        DriverManager.getConnection("jdbc:h2:mem:sent-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute("create table synced_account (account_id bigint not null primary key)");
      for (long id : stored) {
        statement.execute("insert into synced_account values (" + id + ")");
      }
    }
    return connection;
  }

  private Path ids(LongStream sorted) throws IOException {
    Path file = folder.resolve("ids-" + System.nanoTime());
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      for (long id : sorted.toArray()) {
        out.writeLong(id);
      }
    }
    return file;
  }

  private static List<Long> stored(Connection connection) throws SQLException {
    List<Long> all = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select account_id from synced_account order by account_id")) {
      while (rows.next()) {
        all.add(rows.getLong(1));
      }
    }
    return all;
  }

  @Test
  void theNewAccountsAreAddedTheGoneOnesRemovedAndTheRestLeftAlone() throws Exception {
    try (Connection connection = database(1, 2, 3, 5)) {
      SentAccounts.Changes changes = SentAccounts.walk(connection, ids(LongStream.of(2, 3, 4, 6)));
      assertEquals(new SentAccounts.Changes(2, 2), changes);
      assertEquals(List.of(2L, 3L, 4L, 6L), stored(connection));
    }
  }

  @Test
  void theFirstRunAddsEverythingAndAnEmptyRunRemovesEverythingAcrossBatches() throws Exception {
    try (Connection connection = database()) {
      assertEquals(
          new SentAccounts.Changes(2500, 0),
          SentAccounts.walk(connection, ids(LongStream.rangeClosed(1, 2500))));
      assertEquals(2500, stored(connection).size());
      assertEquals(
          new SentAccounts.Changes(1250, 1250),
          SentAccounts.walk(
              connection,
              ids(LongStream.rangeClosed(1, 5000).filter(i -> i % 2 == 0).limit(2500))));
      assertEquals(
          new SentAccounts.Changes(0, 2500),
          SentAccounts.walk(connection, ids(LongStream.empty())));
      assertEquals(List.of(), stored(connection));
    }
  }
}
