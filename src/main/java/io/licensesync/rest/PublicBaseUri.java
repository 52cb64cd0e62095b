package io.licensesync.rest;

import io.licensesync.web.PublicUrl;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * When {@code licensesync.public-url} is set, the REST APIs see their base and request URIs on it,
 * so every absolute URL they answer ({@code Location}, {@code Link}, {@code url} fields) is built
 * from the public URL, never from the request's {@code Host} header.
 */
@Provider
@PreMatching
@Priority(100)
public class PublicBaseUri implements ContainerRequestFilter {

  @Inject PublicUrl publicUrl;

  @Override
  public void filter(ContainerRequestContext request) {
    if (publicUrl.origin().isPresent()) {
      request.setRequestUri(
          publicUrl.rebase(request.getUriInfo().getBaseUri()),
          publicUrl.rebase(request.getUriInfo().getRequestUri()));
    }
  }
}
