package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every request to the Server role's REST API: {@code Authorization: token …} or
 * {@code Bearer …} with a personal access token; HTTP Basic with login and password only to create
 * a token. No credential gets 401 "Requires authentication", a wrong one 401 "Bad credentials".
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

  @Inject Credentials credentials;
  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw new ApiException(401, "Requires authentication", null, null);
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    Optional<UserAccount> account =
        switch (scheme.toLowerCase(Locale.ROOT)) {
          case "token", "bearer" -> value.isEmpty() ? Optional.empty() : credentials.byToken(value);
          case "basic" -> creatingToken(request) ? basic(value) : Optional.empty();
          default -> Optional.empty();
        };
    UserAccount found = account.orElseThrow(() -> new ApiException(401, "Bad credentials", null, null));
    caller.authenticate(found.id(), found.login(), found.siteAdmin());
  }

  private static boolean creatingToken(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return HttpMethod.POST.equals(request.getMethod()) && path.replaceAll("^/+|/+$", "").equals("user/tokens");
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
    return credentials.byPassword(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
  }
}
