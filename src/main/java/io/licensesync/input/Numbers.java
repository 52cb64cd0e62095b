package io.licensesync.input;

import java.time.Instant;
import java.util.Optional;

/**
 * Whole numbers read from text people send (query parameters, path ids, CSV columns): at most 19
 * digits are looked at, so a number of thousands of digits costs nothing and is simply refused.
 * Also the range of times we store: every database we run on keeps years 1970 to 9999.
 */
public final class Numbers {

  /** The earliest time taken from outside. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  /**
   * The latest time taken from outside (PostgreSQL's timestamps end in year 294276, Java's much
   * later).
   */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static final int MAX_DIGITS = 19;

  private Numbers() {}

  /**
   * {@code text} as a whole number from {@code min} to {@code max}, or empty when it is not one.
   */
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

  /** True when {@code time} is from {@link #EARLIEST} to {@link #LATEST}. */
  public static boolean storable(Instant time) {
    return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
  }
}
