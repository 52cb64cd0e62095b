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

  /**
   * The keys matching can join this member's Server accounts by: its SAML NameID's and its emails'
   * (unverified ones too: a superset is safe where the keys decide what to match again).
   */
  public java.util.Set<String> matchingKeys() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    String nameIdKey = samlNameId == null ? "" : MemberEmail.keyOf(samlNameId);
    if (!nameIdKey.isEmpty()) {
      keys.add(nameIdKey);
    }
    emails.forEach(e -> keys.add(MemberEmail.keyOf(e.address())));
    return keys;
  }

  /** An address and whether the member verified it. */
  public record Email(String address, boolean verified) {}
}
