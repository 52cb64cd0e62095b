package io.licensesync.cloud.licensing.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * One entry of {@code users[]} in the real consumed-licenses API, all 18 fields. Strings that do
 * not apply are empty, as GitHub writes them; Visual Studio subscriptions are not modelled, so
 * those fields say "no". Nulls are written, as GitHub writes them.
 */
@JsonbNillable
public record ConsumedLicenseJson(
    String githubComLogin,
    String githubComName,
    List<String> enterpriseServerUserIds,
    boolean githubComUser,
    Boolean enterpriseServerUser,
    boolean visualStudioSubscriptionUser,
    String licenseType,
    String githubComProfile,
    List<String> githubComMemberRoles,
    List<String> githubComEnterpriseRoles,
    List<String> githubComVerifiedDomainEmails,
    String githubComSamlNameId,
    List<String> githubComOrgsWithPendingInvites,
    Boolean githubComTwoFactorAuth,
    List<String> enterpriseServerEmails,
    String visualStudioLicenseStatus,
    String visualStudioSubscriptionEmail,
    int totalUserAccounts) {

  public static ConsumedLicenseJson of(ConsumedLicense row) {
    return new ConsumedLicenseJson(
        row.login(),
        row.name(),
        row.serverUserIds(),
        row.cloudUser(),
        row.serverUser(),
        false,
        "enterprise",
        row.profile(),
        row.memberRoles(),
        row.enterpriseRoles(),
        row.verifiedDomainEmails(),
        row.samlNameId(),
        row.pendingInvites(),
        row.twoFactor(),
        row.serverEmails(),
        "",
        "",
        row.totalUserAccounts());
  }

  /** The body of the consumed-licenses API. */
  public record Page(
      long totalSeatsConsumed, long totalSeatsPurchased, List<ConsumedLicenseJson> users) {}
}
