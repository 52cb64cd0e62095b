package io.licensesync.cloud.enterprises.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;

/**
 * Who consumes a seat on the Cloud, in one place: members and owners of an organization, outside
 * collaborators on private repositories, and people with a pending invitation to an organization.
 * Billing managers and enterprise owners outside every organization do not.
 */
public final class CloudSeatRules {

  private CloudSeatRules() {}

  public static boolean consumesCloudSeat(Member member) {
    if (!member.orgRoles().isEmpty()) {
      return true;
    }
    if (member.role() == EnterpriseRole.OUTSIDE_COLLABORATOR && member.privateRepoAccess()) {
      return true;
    }
    return !member.pendingInvites().isEmpty();
  }
}
