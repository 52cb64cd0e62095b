package io.licensesync.server.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SeatRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final SeatRules rules = new SeatRules(Duration.ofDays(30));

  private static UserAccount account(String login, AccountType type, Instant lastActive) {
    UserAccount account = new UserAccount(1, login, type, NOW.minus(400, ChronoUnit.DAYS));
    account.setLastActiveAt(lastActive);
    return account;
  }

  @Test
  void aUserWhoSignedInConsumesASeat() {
    assertTrue(
        rules.consumesLicense(account("mona", AccountType.USER, NOW.minus(1, ChronoUnit.DAYS))));
  }

  @Test
  void aBotThatSignedInConsumesASeat() {
    assertTrue(rules.consumesLicense(account("deploy[bot]", AccountType.BOT, NOW)));
  }

  @Test
  void anAccountThatNeverSignedInDoesNotConsumeASeat() {
    assertFalse(rules.consumesLicense(account("newcomer", AccountType.USER, null)));
  }

  @Test
  void suspendedAccountsDoNotConsumeASeat() {
    UserAccount account = account("gone", AccountType.USER, NOW);
    account.suspend("left the company", NOW);
    assertFalse(rules.consumesLicense(account));
  }

  @Test
  void systemAccountsDoNotConsumeASeat() {
    assertFalse(rules.consumesLicense(account("ghost", AccountType.SYSTEM, NOW)));
    assertFalse(rules.consumesLicense(account("scim-admin", AccountType.SYSTEM, NOW)));
  }

  @Test
  void dormantAccountsStillConsumeASeatAndAreFlagged() {
    UserAccount dormant = account("sleepy", AccountType.USER, NOW.minus(31, ChronoUnit.DAYS));
    assertTrue(rules.consumesLicense(dormant));
    assertTrue(rules.isDormant(dormant, NOW));
  }

  @Test
  void activityWithinTheThresholdIsNotDormant() {
    assertFalse(
        rules.isDormant(account("busy", AccountType.USER, NOW.minus(29, ChronoUnit.DAYS)), NOW));
  }

  @Test
  void siteAdminsAreNeverDormant() {
    UserAccount admin = account("boss", AccountType.USER, NOW.minus(365, ChronoUnit.DAYS));
    admin.setSiteAdmin(true);
    assertFalse(rules.isDormant(admin, NOW));
    assertTrue(rules.consumesLicense(admin));
  }

  @Test
  void theDormancyThresholdIsConfigurable() {
    SeatRules strict = new SeatRules("P7D");
    UserAccount account = account("weekly", AccountType.USER, NOW.minus(8, ChronoUnit.DAYS));
    assertTrue(strict.isDormant(account, NOW));
    assertFalse(rules.isDormant(account, NOW));
    assertEquals(Duration.ofDays(7), strict.dormancyThreshold());
  }

  @Test
  void aThresholdThatIsNotADurationIsRefusedWithItsName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SeatRules("30 days"));
    assertTrue(e.getMessage().contains("licensesync.server.dormancy-threshold"));
  }
}
