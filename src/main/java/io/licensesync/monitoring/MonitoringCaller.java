package io.licensesync.monitoring;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.security.Tokens;
import io.licensesync.server.access.boundary.Credentials;
import io.licensesync.server.access.boundary.SignIns;
import io.licensesync.signin.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is asking for {@code /metrics} or {@code /health}, from the {@code Authorization} header as
 * the APIs take it: {@code token …} or {@code Bearer …} with a Server personal access token or the
 * Cloud operator's secret, or HTTP Basic with a Server login and password (or any user name and the
 * operator's secret, for scrapers that only know Basic). Only a site admin or the operator may
 * read.
 */
@ApplicationScoped
public class MonitoringCaller {

  /** What the credential turned out to be. */
  public enum Access {
    NONE,
    BAD_CREDENTIALS,
    NOT_ALLOWED,
    ALLOWED
  }

  @Inject Roles roles;
  @Inject Credentials credentials;
  @Inject SignIns signIns;
  @Inject Enterprises enterprises;
  @Inject Instances instances;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.operator-token")
  Optional<String> operatorToken;

  public Access of(String authorization, String address) {
    if (authorization == null || authorization.isBlank()) {
      return Access.NONE;
    }
    int space = authorization.indexOf(' ');
    String scheme =
        space < 0 ? authorization : authorization.substring(0, space).toLowerCase(Locale.ROOT);
    String value = space < 0 ? "" : authorization.substring(space + 1).strip();
    if (value.isEmpty()) {
      return Access.BAD_CREDENTIALS;
    }
    return switch (scheme) {
      case "token", "bearer" -> token(value);
      case "basic" -> basic(value, address);
      default -> Access.BAD_CREDENTIALS;
    };
  }

  private Access token(String token) {
    if (isOperator(token)) {
      return Access.ALLOWED;
    }
    if (roles.plays(Role.SERVER)) {
      Optional<Boolean> siteAdmin =
          credentials.byToken(token).map(use -> use.account().siteAdmin());
      if (siteAdmin.isPresent()) {
        return siteAdmin.get() ? Access.ALLOWED : Access.NOT_ALLOWED;
      }
    }
    if (roles.plays(Role.CLOUD)) {
      boolean known =
          token.startsWith(Instances.CREDENTIAL_PREFIX)
              ? instances.byCredential(token).isPresent()
              : enterprises.byToken(token).isPresent();
      if (known) {
        return Access.NOT_ALLOWED;
      }
    }
    return Access.BAD_CREDENTIALS;
  }

  private Access basic(String encoded, String address) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Access.BAD_CREDENTIALS;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Access.BAD_CREDENTIALS;
    }
    String password = decoded.substring(colon + 1);
    if (isOperator(password)) {
      return Access.ALLOWED;
    }
    if (colon > 0 && roles.plays(Role.SERVER)) {
      // through the sign-in throttle, as every other password sign-in: a blocked guesser learns
      // nothing
      Optional<Boolean> siteAdmin;
      try {
        siteAdmin =
            signIns
                .password(decoded.substring(0, colon), password.toCharArray(), address, "/metrics")
                .map(account -> account.siteAdmin());
      } catch (SignInThrottle.Blocked blocked) {
        return Access.BAD_CREDENTIALS;
      }
      if (siteAdmin.isPresent()) {
        return siteAdmin.get() ? Access.ALLOWED : Access.NOT_ALLOWED;
      }
    }
    return Access.BAD_CREDENTIALS;
  }

  private boolean isOperator(String secret) {
    return roles.plays(Role.CLOUD)
        && operatorToken
            .filter(configured -> !configured.isBlank())
            .map(configured -> Tokens.sameSecret(configured, secret))
            .orElse(false);
  }
}
