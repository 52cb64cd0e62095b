package io.licensesync.server.licensesync.control;

import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.AccountEmail;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.wire.LicenseUsageDocument;
import java.util.Comparator;
import java.util.Optional;

/**
 * What license sync sends of an account, in one place: only accounts that consume a license, and of
 * those only the numeric id and the email addresses with the primary one marked — no login, name or
 * anything else personal.
 */
public final class UsageAccounts {

  private UsageAccounts() {}

  public static Optional<LicenseUsageDocument.Account> toSend(
      UserAccount account, SeatRules rules) {
    if (!rules.consumesLicense(account)) {
      return Optional.empty();
    }
    return Optional.of(
        new LicenseUsageDocument.Account(
            account.id(),
            account.emails().stream()
                .sorted(
                    Comparator.comparing(AccountEmail::primary)
                        .reversed()
                        .thenComparing(AccountEmail::key))
                .map(e -> new LicenseUsageDocument.Email(e.address(), e.primary()))
                .toList()));
  }
}
