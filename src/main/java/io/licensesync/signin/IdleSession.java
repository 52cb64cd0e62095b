package io.licensesync.signin;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The idle clock of one role's page session: signed in at some time, used since, ended by signing
 * out or by staying unused longer than the idle timeout, in which case it remembers (once) that it
 * expired, so the sign-in page can say so. Each role keeps its own, in the same HTTP session.
 */
public final class IdleSession implements Serializable {

  private static final long serialVersionUID = 1L;

  private Instant lastUsed;
  private boolean expired;

  public void start(Instant now) {
    lastUsed = now;
    expired = false;
  }

  /**
   * True while started and used within {@code timeout} (and then counts as a use); false once idle
   * longer, which ends it and marks it expired.
   */
  public boolean stillActive(Instant now, Duration timeout) {
    if (lastUsed == null) {
      return false;
    }
    if (Duration.between(lastUsed, now).compareTo(timeout) > 0) {
      lastUsed = null;
      expired = true;
      return false;
    }
    lastUsed = now;
    return true;
  }

  /** Ends it on purpose (signing out): not an expiry. */
  public void end() {
    lastUsed = null;
    expired = false;
  }

  /** Whether it expired since it was last asked; asking clears it. */
  public boolean takeExpired() {
    boolean was = expired;
    expired = false;
    return was;
  }
}
