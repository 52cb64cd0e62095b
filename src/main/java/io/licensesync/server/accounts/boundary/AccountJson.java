package io.licensesync.server.accounts.boundary;

import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import java.net.URI;
import java.time.Instant;

/**
 * An account as the users API shows it: GitHub's user fields ({@code login}, {@code id}, {@code
 * type}, {@code site_admin}, {@code url}, {@code suspended_at} …) plus what this product adds for
 * admins and the person themself: the primary email, last activity, dormancy, the suspension's
 * reason and whether it consumes a license. Those personal fields are left out ({@code null}) for
 * everyone else, as on a real Server.
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
    Boolean dormant,
    Boolean consumesLicense) {

  /** The whole account, personal fields included: for site admins and the account itself. */
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

  /** Only what GitHub shows anyone about an account: no email, activity or license use. */
  AccountJson withoutPersonalData() {
    return new AccountJson(
        login, id, type, siteAdmin, url, null, createdAt, suspendedAt, null, null, null, null);
  }
}
