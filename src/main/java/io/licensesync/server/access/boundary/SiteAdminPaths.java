package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.web.DispatchedPath;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses a signed-in account that is not a site admin on the site-admin part of the API before the
 * request is matched, so that such a caller learns 403 — never 415 for a body of the wrong type, or
 * 404 — as on a real Server. The part is decided on the path the container dispatched (as the
 * pages' gate does): {@code /api/v3/admin}, {@code /api/v3/enterprise} and a user's {@code
 * suspended} and {@code site_admin}. {@link SiteAdminCheck} still checks every {@link
 * SiteAdminOnly} endpoint after matching; this only makes the refusal come first.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class SiteAdminPaths implements ContainerRequestFilter {

  private static final Pattern USER_ADMIN =
      Pattern.compile("/api/v3/users/[^/]+/(suspended|site_admin)/?");

  @Inject Caller caller;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (caller.authenticated()
        && !caller.siteAdmin()
        && siteAdminOnly(DispatchedPath.of(servletRequest))) {
      throw ApiException.forbidden("Must be a site administrator.");
    }
  }

  /** Whether {@code path} (dispatched, relative to the context root) is site admins' only. */
  static boolean siteAdminOnly(String path) {
    return DispatchedPath.isUnder(path, "/api/v3/admin")
        || DispatchedPath.isUnder(path, "/api/v3/enterprise")
        || USER_ADMIN.matcher(path.toLowerCase(Locale.ROOT)).matches();
  }
}
