package io.licensesync.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/** GitHub's login rule: letters, digits and single inner hyphens, at most 39 characters. */
public final class Logins {

  private static final Pattern LOGIN =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");

  private Logins() {}

  public static boolean isValid(String login) {
    return login != null && LOGIN.matcher(login).matches();
  }

  /** The case-insensitive key logins are compared and stored under. */
  public static String keyOf(String login) {
    return login.strip().toLowerCase(Locale.ROOT);
  }
}
