package io.licensesync.server.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserAccountTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void loginsFollowGitHubsRules() {
    assertTrue(UserAccount.isValidLogin("mona-lisa", AccountType.USER));
    assertTrue(UserAccount.isValidLogin("a".repeat(39), AccountType.USER));
    assertFalse(UserAccount.isValidLogin("a".repeat(40), AccountType.USER));
    assertFalse(UserAccount.isValidLogin("-mona", AccountType.USER));
    assertFalse(UserAccount.isValidLogin("mona-", AccountType.USER));
    assertFalse(UserAccount.isValidLogin("mo--na", AccountType.USER));
    assertFalse(UserAccount.isValidLogin("<script>", AccountType.USER));
    assertTrue(UserAccount.isValidLogin("deploy[bot]", AccountType.BOT));
    assertFalse(UserAccount.isValidLogin("deploy[bot]", AccountType.USER));
  }

  @Test
  void anInvalidLoginCannotBeCreatedOrRenamedTo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new UserAccount(1, "bad login", AccountType.USER, NOW));
    UserAccount account = new UserAccount(1, "mona", AccountType.USER, NOW);
    assertThrows(IllegalArgumentException.class, () -> account.rename("bad login"));
    assertEquals("mona", account.login());
  }

  @Test
  void anAccountHasExactlyOnePrimaryEmail() {
    UserAccount account = new UserAccount(1, "mona", AccountType.USER, NOW);
    account.addEmail("first@example.com");
    account.addEmail("second@example.com");
    assertEquals(Optional.of("first@example.com"), account.primaryEmail());
    account.setPrimaryEmail("SECOND@example.com");
    assertEquals(Optional.of("second@example.com"), account.primaryEmail());
    assertEquals(1, account.emails().stream().filter(AccountEmail::primary).count());
    account.setPrimaryEmail("third@example.com");
    assertEquals(3, account.emails().size());
    assertEquals(1, account.emails().stream().filter(AccountEmail::primary).count());
  }

  @Test
  void aSuspensionKeepsItsFirstTimeAndUnsuspendingClearsTheReason() {
    UserAccount account = new UserAccount(1, "mona", AccountType.USER, NOW);
    account.suspend("left", NOW);
    account.suspend("still gone", NOW.plusSeconds(60));
    assertEquals(NOW, account.suspendedAt());
    assertEquals("still gone", account.suspensionReason());
    account.unsuspend();
    assertFalse(account.suspended());
    assertEquals(null, account.suspensionReason());
  }

  @Test
  void activityNeverMovesBackwards() {
    UserAccount account = new UserAccount(1, "mona", AccountType.USER, NOW);
    account.recordActivity(NOW);
    account.recordActivity(NOW.minusSeconds(10));
    assertEquals(NOW, account.lastActiveAt());
  }

  @Test
  void systemAndBotTypesFollowFromTheLogin() {
    assertEquals(AccountType.SYSTEM, AccountType.ofLogin("ghost"));
    assertEquals(AccountType.SYSTEM, AccountType.ofLogin("SCIM-admin"));
    assertEquals(AccountType.BOT, AccountType.ofLogin("dependabot[bot]"));
    assertEquals(AccountType.USER, AccountType.ofLogin("mona"));
  }

  @Test
  void emailsAreComparedTrimmedAndCaseInsensitively() {
    assertEquals("mona@example.com", AccountEmail.keyOf("  Mona@Example.COM "));
    assertTrue(AccountEmail.isWellFormed("mona@example.com"));
    assertFalse(AccountEmail.isWellFormed("mona@localhost"));
    assertFalse(AccountEmail.isWellFormed("mona example.com"));
    assertFalse(AccountEmail.isWellFormed("a@b@c.com"));
  }
}
