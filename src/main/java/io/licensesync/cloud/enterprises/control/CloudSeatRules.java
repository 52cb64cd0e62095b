package io.licensesync.cloud.enterprises.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;
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
}
