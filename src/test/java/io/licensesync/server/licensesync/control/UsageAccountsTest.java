package io.licensesync.server.licensesync.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.wire.LicenseUsageDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageAccountsTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final SeatRules rules = new SeatRules(Duration.ofDays(30));

  private static UserAccount active(long id, String login) {
    UserAccount account =
        new UserAccount(id, login, AccountType.ofLogin(login), NOW.minusSeconds(86_400 * 100));
    account.setLastActiveAt(NOW);
    return account;
  }

  @Test
  void aConsumingAccountIsSentAsItsIdAndEmailsOnlyWithThePrimaryFirst() {
    UserAccount mona = active(42, "mona");
    mona.addEmail("z-secondary@example.com");
    mona.setPrimaryEmail("Mona@Example.com");
    LicenseUsageDocument.Account sent = UsageAccounts.toSend(mona, rules).orElseThrow();
    assertEquals(42, sent.id());
    assertEquals(
        List.of(
            new LicenseUsageDocument.Email("Mona@Example.com", true),
            new LicenseUsageDocument.Email("z-secondary@example.com", false)),
        sent.emails());
  }

  @Test
  void aSuspendedAccountIsNeverSent() {
    UserAccount gone = active(7, "gone");
    gone.suspend("left", NOW);
    assertTrue(UsageAccounts.toSend(gone, rules).isEmpty());
  }

  @Test
  void systemAccountsAndAccountsThatNeverSignedInAreNotSent() {
    assertTrue(UsageAccounts.toSend(active(1, "ghost"), rules).isEmpty());
    assertTrue(
        UsageAccounts.toSend(new UserAccount(2, "newbie", AccountType.USER, NOW), rules).isEmpty());
  }

  @Test
  void aDormantAccountIsStillSent() {
    UserAccount sleepy = active(3, "sleepy");
    sleepy.setLastActiveAt(NOW.minusSeconds(86_400 * 90));
    assertTrue(UsageAccounts.toSend(sleepy, rules).isPresent());
  }
}
