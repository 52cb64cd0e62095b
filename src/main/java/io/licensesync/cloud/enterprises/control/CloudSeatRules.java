package io.licensesync.cloud.enterprises.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;
import java.util.ArrayList;
import java.util.List;

/**
 * Who consumes a seat on the Cloud, in one place: members and owners of an organization, outside
 * collaborators on private repositories, and people with a pending invitation to an organization.
 * Billing managers and enterprise owners outside every organization do not.
 */
public final class CloudSeatRules {

  private CloudSeatRules() {}

  public static boolean consumesCloudSeat(Member member) {
    return consumesCloudSeat(
        member.orgRoles(), member.role(), member.privateRepoAccess(), member.pendingInvites());
  }

  /** The same rule on a member's stored values, for matching that streams rows, not entities. */
  public static boolean consumesCloudSeat(
      List<String> orgRoles,
      EnterpriseRole role,
      boolean privateRepoAccess,
      List<String> pendingInvites) {
    if (!orgRoles.isEmpty()) {
      return true;
    }
    if (role == EnterpriseRole.OUTSIDE_COLLABORATOR && privateRepoAccess) {
      return true;
    }
    return !pendingInvites.isEmpty();
  }

  /**
   * Why a member with these values consumes a Cloud seat, one rule per line as an owner reads it
   * (empty when none applies): the same rules as {@link #consumesCloudSeat(List, EnterpriseRole,
   * boolean, List)}, each that holds.
   */
  public static List<String> reasons(
      List<String> orgRoles,
      EnterpriseRole role,
      boolean privateRepoAccess,
      List<String> pendingInvites) {
    List<String> reasons = new ArrayList<>(3);
    for (String orgRole : orgRoles) {
      int colon = orgRole.lastIndexOf(':');
      reasons.add(
          colon > 0
              ? "organization "
                  + orgRole.substring(0, colon)
                  + " ("
                  + orgRole.substring(colon + 1)
                  + ")"
              : "organization " + orgRole);
    }
    if (role == EnterpriseRole.OUTSIDE_COLLABORATOR && privateRepoAccess) {
      reasons.add("outside collaborator with access to private repositories");
    }
    for (String org : pendingInvites) {
      reasons.add("pending invitation to organization " + org);
    }
    return reasons;
  }
}
