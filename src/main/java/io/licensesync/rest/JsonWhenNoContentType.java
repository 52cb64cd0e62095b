package io.licensesync.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Reads a request that names no {@code Content-Type}, or sends no body at all, as JSON, the way
 * GitHub does: a bare {@code PUT /users/{u}/suspended} is fine there, and GitHub's own clients
 * promote a site admin with {@code PUT /users/{u}/site_admin}, an empty body and a form content
 * type or none. Without it the servers differ and both refuse with 415 before any authentication:
 * Jersey (Payara) for a form type, RESTEasy (WildFly) also for a missing one, because the JAX-RS
 * rules treat a missing type as {@code application/octet-stream}. A request that does send a body
 * keeps its type, so a body of the wrong type is still 415 (after authentication, which runs before
 * matching).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class JsonWhenNoContentType implements ContainerRequestFilter {

  private static final Set<String> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  @Override
  public void filter(ContainerRequestContext request) {
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (WITH_BODY.contains(request.getMethod())
        && (type == null || (bodiless(request) && !bodyTypeWeRead(type)))) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }

  /**
   * A type some endpoint reads other than JSON (the users report's CSV): an empty body of it is an
   * empty report, refused as such, not a bodiless request.
   */
  private static boolean bodyTypeWeRead(String type) {
    String lower = type.toLowerCase(java.util.Locale.ROOT).strip();
    return lower.startsWith("text/csv") || lower.startsWith("text/plain");
  }

  /** No body: {@code Content-Length: 0}, or neither a length nor chunks (HTTP/1.1's rule). */
  private static boolean bodiless(ContainerRequestContext request) {
    String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      return length.strip().equals("0");
    }
    return request.getHeaderString("Transfer-Encoding") == null;
  }
}
