package io.licensesync.rest;

import io.licensesync.input.Numbers;

/**
 * The one parser of the numbers clients put in query strings and paths ({@code page}, {@code
 * per_page}, {@code since}, ids): anything that is not a whole number in range, thousands of digits
 * included, is refused with 422 naming the parameter, as GitHub reports a failed validation. {@code
 * per_page} above 100 is read as 100, as GitHub does.
 */
public final class QueryParameters {

  /** The most rows a page holds. */
  public static final int MAX_PER_PAGE = 100;

  /** The highest page number taken, so that the first row's index always fits an {@code int}. */
  public static final int MAX_PAGE = 10_000_000;

  private QueryParameters() {}

  /** {@code page}: 1 to {@value #MAX_PAGE}. */
  public static int page(String text) {
    return (int) number(text, "page", 1, MAX_PAGE);
  }

  /**
   * {@code per_page}: at least 1; more than {@value #MAX_PER_PAGE} reads as {@value #MAX_PER_PAGE}.
   */
  public static int perPage(String text) {
    return (int) Math.min(MAX_PER_PAGE, number(text, "per_page", 1, Long.MAX_VALUE));
  }

  /** {@code since}: an id, 0 (the default) for the first page. */
  public static long since(String text) {
    return number(text, "since", 0, Long.MAX_VALUE);
  }

  /** An id in the path, named {@code name}: at least 1. */
  public static long id(String text, String name) {
    return number(text, name, 1, Long.MAX_VALUE);
  }

  private static long number(String text, String name, long min, long max) {
    return Numbers.whole(text, min, max)
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "Parameter",
                    name,
                    "invalid",
                    name
                        + " must be a whole number "
                        + (max == Long.MAX_VALUE
                            ? "of at least " + min
                            : "from " + min + " to " + max)));
  }
}
