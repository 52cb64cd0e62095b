package io.licensesync.server.accounts.boundary;

import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import java.net.URI;
import java.time.Instant;

/**
 * An account as the users API shows it: GitHub's user fields ({@code login}, {@code id}, {@code
 * type}, {@code site_admin}, {@code url}, {@code suspended_at} …) plus what this product adds for
 * admins: the primary email, last activity, dormancy and whether it consumes a license.
 */
public record AccountJson(
    String login,
    long id,
    String type,
    boolean siteAdmin,
    String url,
    String email,
    Instant createdAt,
    Instant suspendedAt,
    String suspensionReason,
    Instant lastActiveAt,
    boolean dormant,
    boolean consumesLicense) {

  static AccountJson of(UserAccount account, SeatRules rules, URI apiRoot, Instant now) {
    return new AccountJson(
        account.login(),
        account.id(),
        account.type().apiName(),
        account.siteAdmin(),
        apiRoot.resolve("users/" + account.login()).toString(),
        account.primaryEmail().orElse(null),
        account.createdAt(),
        account.suspendedAt(),
        account.suspensionReason(),
        account.lastActiveAt(),
        rules.isDormant(account, now),
        rules.consumesLicense(account));
  }
}
