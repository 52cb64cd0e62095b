package io.licensesync.cloud.enterprises.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudSeatRulesTest {

  static Member member(
      EnterpriseRole role, List<String> orgRoles, List<String> invites, boolean privateRepos) {
    return new Member(
        1,
        new MemberProfile(
            "mona", null, List.of(), null, role, orgRoles, invites, privateRepos, false),
        Instant.now());
  }

  @Test
  void organizationMembersAndOwnersConsumeASeat() {
    assertTrue(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.MEMBER, List.of("octo:Member"), List.of(), false)));
    assertTrue(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.MEMBER, List.of("octo:Owner"), List.of(), false)));
  }

  @Test
  void anEnterpriseOwnerInAnOrganizationConsumesASeat() {
    assertTrue(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.OWNER, List.of("octo:Owner"), List.of(), false)));
  }

  @Test
  void anEnterpriseOwnerOutsideEveryOrganizationDoesNot() {
    assertFalse(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.OWNER, List.of(), List.of(), false)));
  }

  @Test
  void outsideCollaboratorsOnPrivateRepositoriesConsumeASeat() {
    assertTrue(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.OUTSIDE_COLLABORATOR, List.of(), List.of(), true)));
  }

  @Test
  void outsideCollaboratorsOnPublicRepositoriesOnlyDoNot() {
    assertFalse(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.OUTSIDE_COLLABORATOR, List.of(), List.of(), false)));
  }

  @Test
  void aPendingInvitationConsumesASeat() {
    assertTrue(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.MEMBER, List.of(), List.of("octo"), false)));
  }

  @Test
  void billingManagersDoNotConsumeASeat() {
    assertFalse(
        CloudSeatRules.consumesCloudSeat(
            member(EnterpriseRole.BILLING_MANAGER, List.of(), List.of(), false)));
  }
}
