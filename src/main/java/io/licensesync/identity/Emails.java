package io.licensesync.identity;

import io.licensesync.input.TextRules;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as matching sees them: well-formed means one {@code @}, no spaces or control
 * characters, a dotted domain, at most 320 characters; two addresses are the same person when their
 * keys (trimmed, lower case) are equal.
 */
public final class Emails {

  private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  private Emails() {}

  public static boolean isWellFormed(String address) {
    return address != null
        && address.length() <= TextRules.EMAIL
        && !TextRules.hasControlCharacters(address)
        && SHAPE.matcher(address.strip()).matches();
  }

  public static String keyOf(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
