package io.licensesync.cloud.enterprises.entity;

import java.util.Locale;

/** A member's role in the enterprise account, as GitHub names it. */
public enum EnterpriseRole {
  OWNER,
  MEMBER,
  OUTSIDE_COLLABORATOR,
  BILLING_MANAGER;

  /**
   * The name the API uses: {@code owner}, {@code member}, {@code outside_collaborator}, {@code
   * billing_manager}.
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EnterpriseRole ofApiName(String name) {
    for (EnterpriseRole role : values()) {
      if (role.apiName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "enterprise_role must be owner, member, outside_collaborator or billing_manager");
  }
}
