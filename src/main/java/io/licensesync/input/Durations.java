package io.licensesync.input;

import java.time.Duration;

/**
 * Durations configured as ISO-8601 text ({@code PT30M}, {@code P7D}), read in one way everywhere.
 */
public final class Durations {

  private Durations() {}

  /**
   * {@code value} as a positive duration; a configuration error naming {@code key} when it is not
   * one.
   */
  public static Duration positive(String value, String key) {
    try {
      Duration duration = Duration.parse(value.strip());
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return duration;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          key + " must be a positive ISO-8601 duration such as PT30M or P7D, not " + value, e);
    }
  }
}
