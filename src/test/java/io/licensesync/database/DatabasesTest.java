package io.licensesync.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class DatabasesTest {

  @Test
  void aLostOrRefusedConnectionDeepInTheCausesIsTheDatabaseAway() {
    SQLException postgresRefused =
        new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
    assertTrue(Databases.away(new PersistenceException("flush failed", postgresRefused)));
    assertTrue(Databases.away(new RuntimeException(new SQLException("terminating", "57P01"))));
    assertTrue(Databases.away(new SQLException("Connection is broken", "90067")));
    assertTrue(
        Databases.away(
            new RuntimeException(
                new jakarta.resource.ResourceException("Error in allocating a connection"))));
  }

  @Test
  void anyOtherFailureIsNot() {
    assertFalse(Databases.away(new IllegalStateException("bug")));
    assertFalse(
        Databases.away(
            new PersistenceException(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
  }

  @Test
  void theReasonNamesTypesAndStateButNeverTheMessageWhichMayQuoteValues() {
    String reason =
        Databases.reason(
            new PersistenceException(
                "could not execute statement",
                new SQLException("Key (email)=(someone@example.com) already exists", "23505")));
    assertFalse(reason.contains("example.com"), reason);
    assertTrue(reason.contains("23505") && reason.contains("PersistenceException"), reason);
    assertTrue(
        Databases.reason(new SQLException("refused", "08001")).startsWith("the database is"));
  }
}
