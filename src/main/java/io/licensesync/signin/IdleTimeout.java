package io.licensesync.signin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a role's page session may stay unused before it ends ({@code
 * licensesync.session.idle-timeout}, ISO-8601, default 30 minutes). Each role checks its own last
 * use, so using the Server pages does not keep an idle Cloud sign-in alive; the HTTP session itself
 * is kept at least that long (plus a margin) so the sign-in page can still say the session expired.
 */
@ApplicationScoped
public class IdleTimeout {

  /** What the sign-in pages say after an expiry. */
  public static final String MESSAGE = "Your session expired, sign in again.";

  private static final Duration MARGIN = Duration.ofMinutes(30);

  @Inject
  @ConfigProperty(name = "licensesync.session.idle-timeout", defaultValue = "PT30M")
  String idleTimeout;

  private Duration timeout;

  @PostConstruct
  void parse() {
    try {
      timeout = Duration.parse(idleTimeout);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "licensesync.session.idle-timeout must be an ISO-8601 duration such as PT30M, not '"
              + idleTimeout
              + "'",
          e);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalStateException(
          "licensesync.session.idle-timeout must be positive, not " + idleTimeout);
    }
  }

  public Duration duration() {
    return timeout;
  }

  /** Keeps the HTTP session alive at least as long as a role's idle timeout plus a margin. */
  public void keepLongEnough(HttpSession session) {
    long wanted = timeout.plus(MARGIN).getSeconds();
    int current = session.getMaxInactiveInterval();
    if (current > 0 && current < wanted) {
      session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, wanted));
    }
  }
}
