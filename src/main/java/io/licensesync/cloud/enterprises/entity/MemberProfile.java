package io.licensesync.cloud.enterprises.entity;

import java.util.List;

/**
 * What an owner provisions about a member, validated before it reaches a {@link Member}: the wire
 * shape of the members API (JSON and CSV) and of the matching input.
 */
public record MemberProfile(
    String login,
    String name,
    List<Email> emails,
    String samlNameId,
    EnterpriseRole role,
    List<String> orgRoles,
    List<String> pendingInvites,
    boolean privateRepoAccess,
    boolean twoFactor) {

  /** An address and whether the member verified it. */
  public record Email(String address, boolean verified) {}
}
