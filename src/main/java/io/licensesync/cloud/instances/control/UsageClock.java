package io.licensesync.cloud.instances.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a license usage says it was made ({@code generated_at} of an upload, {@code exported_at} of
 * an exported file) must be told, and must not lie in the future: a usage from the future would
 * stay newer than every real one and block them. The two clocks may differ by a little, {@code
 * licensesync.cloud.max-clock-skew} (default five minutes).
 */
public final class UsageClock {

  /** The default of {@code licensesync.cloud.max-clock-skew}. */
  public static final String DEFAULT_MAX_SKEW = "PT5M";

  private final Duration maxSkew;

  public UsageClock(Duration maxSkew) {
    if (maxSkew.isNegative()) {
      throw new IllegalArgumentException("licensesync.cloud.max-clock-skew must not be negative");
    }
    this.maxSkew = maxSkew;
  }

  /** From the configured text, an ISO-8601 duration such as {@code PT5M}. */
  public static UsageClock of(String maxSkew) {
    try {
      return new UsageClock(Duration.parse(maxSkew.strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "licensesync.cloud.max-clock-skew must be an ISO-8601 duration such as PT5M", e);
    }
  }

  /** What is wrong with a usage's time, in words for the person who sent it. */
  public record Problem(String field, String code, String message) {}

  /** Nothing when {@code value} is present and not later than {@code now} plus the allowed skew. */
  public Optional<Problem> check(String field, Instant value, Instant now) {
    if (value == null) {
      return Optional.of(
          new Problem(
              field,
              "missing_field",
              field + " is missing: the usage must say when it was made; nothing changed."));
    }
    if (value.isAfter(now.plus(maxSkew))) {
      return Optional.of(
          new Problem(
              field,
              "invalid",
              field
                  + " "
                  + value
                  + " is in the future (this Cloud's time is "
                  + now
                  + ", clocks may differ by "
                  + maxSkew
                  + "); check the Server's clock; nothing changed."));
    }
    return Optional.empty();
  }
}
