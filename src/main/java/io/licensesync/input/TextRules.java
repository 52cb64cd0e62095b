package io.licensesync.input;

import java.util.Optional;

/**
 * The checks every text field that people or machines send passes before it is stored or used in a
 * query: not longer than its column, no control characters (NUL among them, which PostgreSQL
 * refuses with an error, and line breaks, which would forge lines in logs and reports). The maxima
 * below are the column sizes of {@code db/migration}, named once.
 */
public final class TextRules {

  /** {@code user_account.login}, {@code enterprise_member.login}. */
  public static final int LOGIN = 64;

  /** Every email column ({@code account_email.address}, {@code member_email.address}, …). */
  public static final int EMAIL = 320;

  /** {@code access_token.note}, {@code owner_token.note}. */
  public static final int NOTE = 200;

  /** {@code user_account.suspension_reason}. */
  public static final int REASON = 500;

  /** {@code connected_instance.server_id} (a Server's own is a UUID, 36). */
  public static final int SERVER_ID = 64;

  /** {@code connected_instance.hostname}. */
  public static final int HOSTNAME = 255;

  /** {@code connected_instance.version}. */
  public static final int VERSION = 64;

  /** {@code enterprise.slug}, {@code cloud_connection.enterprise_slug}. */
  public static final int SLUG = 100;

  /** {@code enterprise.name}, {@code enterprise_member.name}. */
  public static final int NAME = 200;

  /** {@code enterprise.verified_domains}, the domains joined by commas. */
  public static final int DOMAINS = 2000;

  /**
   * {@code enterprise_member.org_roles} and {@code pending_invites} joined by commas, and a
   * member's emails (joined in {@code consumed_license.verified_domain_emails}).
   */
  public static final int MEMBER_LISTS = 4000;

  /**
   * A Cloud URL as typed: {@code cloud_connection.cloud_url} is 500, and {@code /cloud/api} may be
   * added.
   */
  public static final int CLOUD_URL = 400;

  /** A public key pasted as JSON (line breaks allowed); a P-256 key needs about 200. */
  public static final int PASTED_KEY = 4000;

  /** A password typed to sign in (hashing a longer one would only cost time). */
  public static final int PASSWORD = 1000;

  /** Any other short text we take (tokens, settings, upload ids): no column holds more. */
  public static final int SHORT = 1000;

  /** A search filter: nothing matches a text longer than the longest column it searches. */
  public static final int FILTER = EMAIL;

  private TextRules() {}

  /**
   * True when {@code text} holds a control character (C0, DEL, C1) or a line or paragraph
   * separator.
   */
  public static boolean hasControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /**
   * What is wrong with {@code value} as the field {@code field} of at most {@code max} characters,
   * in words that name the field; empty when it is acceptable (null is acceptable: presence is the
   * caller's rule).
   */
  public static Optional<String> problem(String field, String value, int max) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.length() > max) {
      return Optional.of(field + " is longer than " + max + " characters");
    }
    if (hasControlCharacters(value)) {
      return Optional.of(field + " must not contain control characters");
    }
    return Optional.empty();
  }

  /** True when {@code value} is null or passes {@link #problem}. */
  public static boolean fits(String value, int max) {
    return value == null || (value.length() <= max && !hasControlCharacters(value));
  }

  /**
   * {@code text} for a SQL {@code LIKE} with {@code escape '!'}: the wildcards {@code %} and {@code
   * _} and the escape character itself match literally.
   */
  public static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
