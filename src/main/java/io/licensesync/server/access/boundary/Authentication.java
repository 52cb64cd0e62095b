package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.Documentation;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.signin.SignInThrottle;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every request to the Server role's REST API: {@code Authorization: token …} or
 * {@code Bearer …} with a personal access token; HTTP Basic with login and password only to create
 * a token. No credential gets 401 "Requires authentication", a wrong one 401 "Bad credentials", and
 * after too many wrong ones for a login or from an address 429 with {@code Retry-After}. It runs
 * before the request is matched to a resource, so the credential is judged first, whatever the path
 * or the content type.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

  @Inject SignIns signIns;
  @Inject Caller caller;
  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw new ApiException(401, "Requires authentication", null, null);
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    try {
      switch (scheme.toLowerCase(Locale.ROOT)) {
        case "token", "bearer" -> {
          Credentials.TokenUse use =
              (value.isEmpty()
                      ? Optional.<Credentials.TokenUse>empty()
                      : signIns.token(value, http.getRemoteAddr()))
                  .orElseThrow(Authentication::badCredentials);
          UserAccount account = use.account();
          caller.authenticate(
              account.id(),
              account.login(),
              account.siteAdmin(),
              use.tokenId(),
              use.impersonation());
        }
        case "basic" -> {
          UserAccount account =
              (creatingToken(request) ? basic(value) : Optional.<UserAccount>empty())
                  .orElseThrow(Authentication::badCredentials);
          caller.authenticate(account.id(), account.login(), account.siteAdmin(), null, false);
        }
        default -> throw badCredentials();
      }
    } catch (SignInThrottle.Blocked blocked) {
      request.abortWith(SignInThrottle.tooManyAttempts(blocked, Documentation.restApi(http)));
    }
  }

  private static ApiException badCredentials() {
    return new ApiException(401, "Bad credentials", null, null);
  }

  private static boolean creatingToken(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return HttpMethod.POST.equals(request.getMethod())
        && path.replaceAll("^/+|/+$", "").equals("user/tokens");
  }

  private Optional<UserAccount> basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return signIns.password(
        decoded.substring(0, colon),
        decoded.substring(colon + 1).toCharArray(),
        http.getRemoteAddr(),
        "the REST API (Basic)");
  }
}
