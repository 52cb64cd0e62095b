package io.licensesync.input;

import java.util.Optional;

/**
 * Whole numbers read from text people send (query parameters, path ids, CSV columns): at most 19
 * digits are looked at, so a number of thousands of digits costs nothing and is simply refused.
 */
public final class Numbers {

  private static final int MAX_DIGITS = 19;

  private Numbers() {}

  /** {@code text} as a whole number from {@code min} to {@code max}, or empty when it is not one. */
  public static Optional<Long> whole(String text, long min, long max) {
    if (text == null) {
      return Optional.empty();
    }
    String digits = text.strip();
    int sign = digits.startsWith("-") || digits.startsWith("+") ? 1 : 0;
    if (digits.length() <= sign || digits.length() - sign > MAX_DIGITS) {
      return Optional.empty();
    }
    for (int i = sign; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    try {
      long value = Long.parseLong(digits);
      return value < min || value > max ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException overflow) {
      return Optional.empty();
    }
  }
}
