package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.boundary.TokenHolders;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Documentation;
import io.licensesync.security.Tokens;
import io.licensesync.signin.SignInThrottle;
import io.licensesync.web.RequestPathGuard;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates every Cloud API request ({@code Authorization: token …} or {@code Bearer …}): the
 * operator's secret (from configuration, compared in constant time), an instance's upload
 * credential, or an owner's token. No credential: 401 "Requires authentication"; unknown: 401 "Bad
 * credentials"; after too many unknown ones from an address, 429 with {@code Retry-After} (logged
 * without the credential). Below {@code /enterprises/{enterprise}}, a caller who is not that
 * enterprise's owner or one of its instances gets 404 here, before the request is matched, so the
 * body's type (415) never answers first; an instance's upload path answers 404 there to anyone but
 * that instance. The operator's other rights are checked by each endpoint.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class CloudAuthentication implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(CloudAuthentication.class.getName());

  @Inject Enterprises enterprises;
  @Inject TokenHolders tokenHolders;
  @Inject Instances instances;
  @Inject CloudCaller caller;
  @Inject SignInThrottle throttle;
  @Context HttpServletRequest http;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.operator-token")
  Optional<String> operatorToken;

  /** A path below one enterprise, relative to the API root; the slug is its first group. */
  private static final Pattern ENTERPRISE_PATH = Pattern.compile("/?enterprises/([^/]+)(/.*)?");

  /** An instance's upload path (only that instance may use it): slug, then server id. */
  private static final Pattern UPLOAD_PATH =
      Pattern.compile("/?enterprises/([^/]+)/server-instances/([^/]+)/license-usage-uploads(/.*)?");

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw new ApiException(401, "Requires authentication", null, null);
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space).toLowerCase(Locale.ROOT);
    String token = space < 0 ? "" : header.substring(space + 1).strip();
    if (!(scheme.equals("token") || scheme.equals("bearer")) || token.isEmpty()) {
      throw new ApiException(401, "Bad credentials", null, null);
    }
    String address = SignInThrottle.address(remoteAddress(request));
    try {
      throttle.check(address);
    } catch (SignInThrottle.Blocked blocked) {
      request.abortWith(SignInThrottle.tooManyAttempts(blocked, Documentation.restApi(http)));
      return;
    }
    if (!authenticate(token)) {
      throttle.failed(address);
      LOG.fine(() -> "Cloud API request with an unknown credential from " + remoteAddress(request));
      throw new ApiException(401, "Bad credentials", null, null);
    }
    String path = request.getUriInfo().getPath();
    Matcher scoped = ENTERPRISE_PATH.matcher(path);
    if (!scoped.matches()) {
      return;
    }
    Matcher upload = UPLOAD_PATH.matcher(path);
    if (caller.kind() == CloudCaller.Kind.OPERATOR && !upload.matches()) {
      return; // the operator's rights are checked by each endpoint
    }
    String slug = scoped.group(1);
    Optional<Enterprise> enterprise =
        caller.knownEnterprise(slug).or(() -> enterprises.find(slug)).filter(caller::reaches);
    if (enterprise.isEmpty()
        || (upload.matches() && !isThatInstance(enterprise.get(), upload.group(2)))) {
      throw ApiException.notFound(); // an upload path: as the endpoint answers all but its instance
    }
    caller.pathEnterprise(slug, enterprise.get());
  }

  /**
   * The client's address: as {@link RequestPathGuard} keeps it for the request (read through the
   * injected request only where that filter did not run).
   */
  private String remoteAddress(ContainerRequestContext request) {
    return request.getProperty(RequestPathGuard.REMOTE_ADDRESS) instanceof String address
        ? address
        : http.getRemoteAddr();
  }

  /** Whether the caller is the instance {@code serverId} of {@code enterprise}. */
  private boolean isThatInstance(Enterprise enterprise, String serverId) {
    return caller.kind() == CloudCaller.Kind.INSTANCE
        && instances
            .find(enterprise.id(), serverId)
            .filter(i -> caller.isInstance(i.id()))
            .isPresent();
  }

  /** Sets the caller for a known credential; false for an unknown one. */
  private boolean authenticate(String token) {
    if (isOperator(token)) {
      caller.operator();
      return true;
    }
    if (token.startsWith(Instances.CREDENTIAL_PREFIX)) {
      Optional<ConnectedInstance> instance = instances.byCredential(token);
      instance.ifPresent(i -> caller.instance(i.enterpriseId(), i.id()));
      return instance.isPresent();
    }
    Optional<TokenHolders.TokenHolder> holder = tokenHolders.holderOf(token);
    holder.ifPresent(
        h -> {
          caller.member(h.enterpriseId(), h.memberId(), h.login(), h.owner());
          caller.pathEnterprise(h.enterprise().slug(), h.enterprise());
        });
    return holder.isPresent();
  }

  private boolean isOperator(String token) {
    return operatorToken
        .filter(secret -> !secret.isBlank())
        .map(secret -> Tokens.sameSecret(secret, token))
        .orElse(false);
  }
}
