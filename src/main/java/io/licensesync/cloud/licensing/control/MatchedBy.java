package io.licensesync.cloud.licensing.control;

import java.util.Locale;

/**
 * The rule that made Server accounts one person with a member or with each other, strongest first:
 * an owner's link, the SAML NameID, a verified member email, the same primary email on several
 * Servers, or none (a person of one account or a member alone).
 */
public enum MatchedBy {
  MANUAL_LINK,
  SAML_NAME_ID,
  VERIFIED_EMAIL,
  PRIMARY_EMAIL,
  NONE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rule named {@code apiName}; {@link #NONE} for null or an unknown name. */
  public static MatchedBy of(String apiName) {
    if (apiName != null) {
      for (MatchedBy rule : values()) {
        if (rule.apiName().equals(apiName)) {
          return rule;
        }
      }
    }
    return NONE;
  }
}
