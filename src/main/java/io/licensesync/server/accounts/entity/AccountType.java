package io.licensesync.server.accounts.entity;

import java.util.Locale;
import java.util.Set;

/** What kind of account this is; only people and bots can consume a license. */
public enum AccountType {
  USER,
  BOT,
  /** Accounts the Server keeps for itself, such as {@code ghost} and {@code scim-admin}. */
  SYSTEM;

  private static final Set<String> SYSTEM_LOGINS = Set.of("ghost", "scim-admin");

  /**
   * The type a login implies when nothing else says: system logins, {@code [bot]} logins, else a
   * user.
   */
  public static AccountType ofLogin(String login) {
    String key = login.toLowerCase(Locale.ROOT);
    if (SYSTEM_LOGINS.contains(key)) {
      return SYSTEM;
    }
    return key.endsWith("[bot]") ? BOT : USER;
  }

  /** The name GitHub's API uses in the {@code type} field. */
  public String apiName() {
    return switch (this) {
      case USER -> "User";
      case BOT -> "Bot";
      case SYSTEM -> "System";
    };
  }
}
