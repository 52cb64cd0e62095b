package io.licensesync.web;

import java.io.IOException;

/**
 * Thrown by {@link LimitedInputStream} as soon as a request body passes its limit, while it is
 * read: an {@link IOException}, so every reader stops at once, and recognised by the REST exception
 * mapper and {@link BodyLimitFilter}, which answer 413.
 */
public class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  public BodyTooLargeException(long limit) {
    super("The request body is larger than the limit of " + limit + " bytes; nothing changed.");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /**
   * The limit exception somewhere in the causes of {@code thrown} (readers wrap what they read), if
   * any.
   */
  public static BodyTooLargeException in(Throwable thrown) {
    Throwable current = thrown;
    for (int depth = 0; current != null && depth < 12; depth++) {
      if (current instanceof BodyTooLargeException tooLarge) {
        return tooLarge;
      }
      if (current.getCause() == current) {
        break;
      }
      current = current.getCause();
    }
    return null;
  }
}
