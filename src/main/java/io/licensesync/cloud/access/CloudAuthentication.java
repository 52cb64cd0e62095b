package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.rest.ApiException;
import io.licensesync.security.Tokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates every Cloud API request ({@code Authorization: token …} or {@code Bearer …}): the
 * operator's secret (from configuration, compared in constant time), an instance's upload
 * credential, or an owner's token. No credential: 401 "Requires authentication"; unknown: 401 "Bad
 * credentials".
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CloudAuthentication implements ContainerRequestFilter {

  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject CloudCaller caller;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.operator-token")
  Optional<String> operatorToken;

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
    if (isOperator(token)) {
      caller.operator();
      return;
    }
    if (token.startsWith(Instances.CREDENTIAL_PREFIX)) {
      ConnectedInstance instance = instances.byCredential(token)
          .orElseThrow(() -> new ApiException(401, "Bad credentials", null, null));
      caller.instance(instance.enterpriseId(), instance.id());
      return;
    }
    Member member = enterprises.byToken(token).orElseThrow(() -> new ApiException(401, "Bad credentials", null, null));
    caller.member(member.enterpriseId(), member.id(), member.login(), member.isOwner());
  }

  private boolean isOperator(String token) {
    return operatorToken
        .filter(secret -> !secret.isBlank())
        .map(secret -> Tokens.sameSecret(secret, token))
        .orElse(false);
  }
}
