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
import java.util.regex.Pattern;

/**
 * Reads a request that names no {@code Content-Type}, or sends no body at all, as JSON, the way
 * GitHub does: a bare {@code PUT /users/{u}/suspended} is fine there, and GitHub's own clients
 * promote a site admin with {@code PUT /users/{u}/site_admin}, an empty body and a form content
 * type or none. Without it the servers differ and both refuse with 415 before any authentication:
 * Jersey (Payara) for a form type, RESTEasy (WildFly) also for a missing one, because the JAX-RS
 * rules treat a missing type as {@code application/octet-stream}. Any type goes for a bodiless
 * request (a browser's {@code fetch} sends {@code text/plain} with an empty string) except a text
 * type to an endpoint that reads text, where an empty body is an empty file. A request that does
 * send a body keeps its type, so a body of the wrong type is still 415 (after authentication, which
 * runs before matching).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class JsonWhenNoContentType implements ContainerRequestFilter {

  private static final Set<String> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /**
   * The endpoints that read a text body (the Server's users report, the Cloud's members as CSV), by
   * their path below the API root.
   */
  private static final Pattern READS_TEXT =
      Pattern.compile("/?(admin/users/imports|enterprises/[^/]+/members)/?");

  @Override
  public void filter(ContainerRequestContext request) {
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (WITH_BODY.contains(request.getMethod())
        && (type == null
            || (bodiless(request) && !emptyText(type, request.getUriInfo().getPath())))) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }

  /**
   * An empty body of a text type to an endpoint that reads text (an empty users report or members
   * CSV) is refused as such, not read as a bodiless request. Anywhere else a text type with no body
   * is what a browser's {@code fetch} sends for an empty string: a bodiless request like any other.
   */
  private static boolean emptyText(String type, String path) {
    String lower = type.toLowerCase(java.util.Locale.ROOT).strip();
    return (lower.startsWith("text/csv") || lower.startsWith("text/plain"))
        && READS_TEXT.matcher(path == null ? "" : path).matches();
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
