package io.licensesync.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Reads a request that names no {@code Content-Type} as JSON, the way GitHub does (a bare {@code
 * PUT /users/{u}/suspended} is fine there). Without it the servers differ: Jersey (Payara) lets
 * such a request reach an {@code @Consumes(application/json)} method, RESTEasy (WildFly) answers
 * 415 before any filter runs, because the JAX-RS rules treat a missing type as {@code
 * application/octet-stream}.
 */
@Provider
@PreMatching
public class JsonWhenNoContentType implements ContainerRequestFilter {

  private static final Set<String> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  @Override
  public void filter(ContainerRequestContext request) {
    if (WITH_BODY.contains(request.getMethod())
        && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }
}
