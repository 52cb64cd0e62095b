package io.licensesync.rest;

import io.licensesync.input.TextRules;
import java.util.List;
import java.util.Optional;

/**
 * The use cases' check of text they are handed (from REST or from a page alike) before anything is
 * written or sent on: too long for its column or holding control characters is 422 naming the
 * field, so pages can show it next to the field and REST clients read it in {@code errors}.
 */
public final class TextFields {

  private TextFields() {}

  /**
   * Refuses {@code value} (null passes) when longer than {@code max} or holding control characters.
   */
  public static void check(String resource, String field, String value, int max) {
    problem(resource, field, value, max)
        .ifPresent(
            problem -> {
              throw ApiException.invalid(List.of(problem));
            });
  }

  /** What {@link #check} would refuse, as one of several errors a use case reports together. */
  public static Optional<ErrorBody.ErrorDetail> problem(
      String resource, String field, String value, int max) {
    return TextRules.problem(field, value, max)
        .map(problem -> new ErrorBody.ErrorDetail(resource, field, "invalid", problem));
  }
}
