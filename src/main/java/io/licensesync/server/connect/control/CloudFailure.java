package io.licensesync.server.connect.control;

/**
 * A call to the Cloud that did not succeed, with a reason a site admin can act on. {@link
 * Unavailable} (unreachable, timed out, cut off, the Cloud's own error) is worth retrying; {@link
 * Rejected} (the Cloud refused the request and said why) and {@link Malformed} (an answer that is
 * not the Cloud's API) are not.
 */
public abstract class CloudFailure extends RuntimeException {

  protected CloudFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The Cloud could not be reached, did not answer in time, or failed on its side. */
  public static class Unavailable extends CloudFailure {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The Cloud answered, but not as its API does (a redirect, an HTML page, JSON of the wrong
   * shape): retrying cannot help, so this is never retried.
   */
  public static class Malformed extends CloudFailure {
    public Malformed(String message) {
      super(message, null);
    }
  }

  /** The Cloud answered and refused; {@code status} is its HTTP status. */
  public static class Rejected extends CloudFailure {
    private final int status;

    public Rejected(int status, String message) {
      super(message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
