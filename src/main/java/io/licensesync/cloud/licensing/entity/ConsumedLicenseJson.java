package io.licensesync.cloud.licensing.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Objects;

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

  /** Every license is GitHub Enterprise's ({@code license_type}). */
  public static final String LICENSE_TYPE = "enterprise";

  /** Visual Studio subscriptions are not modelled: no subscription, its status and email empty. */
  public static final boolean VISUAL_STUDIO_USER = false;

  /** The Visual Studio subscription's license status and email, both empty (not modelled). */
  public static final String VISUAL_STUDIO_NONE = "";

  /**
   * Consistent with the record's {@code equals} but cheap: JSON-B keeps every object it is writing
   * in a hash set (to find cycles), and hashing each row's lists was most of a page's cost.
   */
  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(githubComLogin) + totalUserAccounts;
  }

  public static ConsumedLicenseJson of(ConsumedLicense row) {
    return new ConsumedLicenseJson(
        row.login(),
        row.name(),
        row.serverUserIds(),
        row.cloudUser(),
        row.serverUser(),
        VISUAL_STUDIO_USER,
        LICENSE_TYPE,
        row.profile(),
        row.memberRoles(),
        row.enterpriseRoles(),
        row.verifiedDomainEmails(),
        row.samlNameId(),
        row.pendingInvites(),
        row.twoFactor(),
        row.serverEmails(),
        VISUAL_STUDIO_NONE,
        VISUAL_STUDIO_NONE,
        row.totalUserAccounts());
  }

  /** The body of the consumed-licenses API. */
  public record Page(
      long totalSeatsConsumed, long totalSeatsPurchased, List<ConsumedLicenseJson> users) {

    /** Consistent with {@code equals}, without hashing every row ({@link #hashCode()} above). */
    @Override
    public int hashCode() {
      return Long.hashCode(31 * totalSeatsConsumed + totalSeatsPurchased)
          + (users == null ? 0 : users.size());
    }
  }
}
