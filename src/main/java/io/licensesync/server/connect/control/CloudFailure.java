package io.licensesync.server.connect.control;

/**
 * A call to the Cloud that did not succeed, with a reason a site admin can act on. {@link
 * Unavailable} (unreachable, timed out, the Cloud's own error) is worth retrying; {@link Rejected}
 * (the Cloud refused the request and said why) is not.
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
