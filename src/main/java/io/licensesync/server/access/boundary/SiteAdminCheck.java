package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Refuses {@link SiteAdminOnly} endpoints to authenticated accounts that are not site admins. */
@Provider
@SiteAdminOnly
@Priority(Priorities.AUTHORIZATION)
public class SiteAdminCheck implements ContainerRequestFilter {

  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!caller.siteAdmin()) {
      throw ApiException.forbidden("Must be a site administrator.");
    }
  }
}
