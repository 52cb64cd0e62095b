package io.licensesync.signin;

import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
import io.licensesync.rest.ErrorBody;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The throttle on guessing for both roles: after {@code licensesync.sign-in.max-failures} failed
 * attempts within {@code licensesync.sign-in.window} for one login (or enterprise) or from one
 * client address, further attempts are refused with 429 and {@code Retry-After} until the window
 * has passed. The counts live in this node's memory only: each node of a cluster counts on its own,
 * and a restart forgets them.
 */
@ApplicationScoped
public class SignInThrottle {

  @Inject Meters meters;

  private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

  /** What a refused attempt is told, on the REST API and on the sign-in pages. */
  public static final String MESSAGE = "Too many failed sign-in attempts. Try again later.";

  @Inject
  @ConfigProperty(name = "licensesync.sign-in.max-failures", defaultValue = "10")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "licensesync.sign-in.window", defaultValue = "PT15M")
  String window;

  private FailureThrottle failures;

  @PostConstruct
  void configure() {
    Duration length;
    try {
      length = Duration.parse(window);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "licensesync.sign-in.window must be an ISO-8601 duration such as PT15M, not '"
              + window
              + "'",
          e);
    }
    failures = new FailureThrottle(maxFailures, length, Clock.systemUTC());
  }

  /** The key of a Server login. */
  public static String serverLogin(String login) {
    return "server-login:" + login.strip().toLowerCase(Locale.ROOT);
  }

  /** The key of a Cloud enterprise signed in to on the Cloud pages. */
  public static String cloudEnterprise(String slug) {
    return "cloud-enterprise:" + slug.strip().toLowerCase(Locale.ROOT);
  }

  /** The key of a client address (whatever the role or the credential). */
  public static String address(String remoteAddress) {
    return "address:" + remoteAddress;
  }

  /** Throws {@link Blocked} when any of {@code keys} has failed too often lately. */
  public void check(String... keys) {
    failures
        .retryAfter(List.of(keys))
        .ifPresent(
            wait -> {
              meters.count(Metric.SIGN_INS_THROTTLED);
              throw new Blocked(wait);
            });
  }

  /**
   * Records a failed attempt against each key; logs (without the credential) when one becomes
   * blocked.
   */
  public void failed(String... keys) {
    List<String> all = List.of(keys);
    failures.failed(all);
    List<String> blocked = new ArrayList<>();
    for (String key : all) {
      if (failures.retryAfter(List.of(key)).isPresent()) {
        blocked.add(loggable(key));
      }
    }
    if (!blocked.isEmpty()) {
      LOG.warning(
          () -> "Too many failed sign-in attempts, refusing further ones for a while: " + blocked);
    }
  }

  /**
   * {@code text} for a log line, unless it may be an email address (a login field can hold one).
   */
  public static String loggable(String text) {
    return text.indexOf('@') >= 0 ? "(not shown: looks like an email address)" : text;
  }

  /** Forgets a login's failures after it signed in correctly (its address keeps its count). */
  public void succeeded(String key) {
    failures.forget(key);
  }

  /**
   * The REST answer to a blocked attempt: 429, {@code Retry-After} in seconds, GitHub's error body.
   */
  public static Response tooManyAttempts(Blocked blocked, String documentationUrl) {
    return Response.status(429)
        .header("Retry-After", blocked.retryAfterSeconds())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(MESSAGE, documentationUrl, null))
        .build();
  }

  /** An attempt refused because of earlier failures; says when to try again. */
  public static final class Blocked extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public Blocked(Duration retryAfter) {
      super(MESSAGE, null, false, false);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the value of {@code Retry-After}. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }
}
