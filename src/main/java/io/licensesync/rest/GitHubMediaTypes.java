package io.licensesync.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * GitHub clients send {@code Accept: application/vnd.github+json} (or the older {@code
 * vnd.github.v3+json}) and sometimes the same as Content-Type; the payload is plain JSON either
 * way. Rewriting those to {@code application/json} before matching keeps every resource simple.
 */
@Provider
@PreMatching
public class GitHubMediaTypes implements ContainerRequestFilter {

  private static final java.util.regex.Pattern GITHUB_JSON =
      java.util.regex.Pattern.compile(
          "application/vnd\\.github(\\.[a-z0-9-]+)*(\\+json)?",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  @Override
  public void filter(ContainerRequestContext request) {
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/vnd.github")) {
      request.getHeaders().putSingle(HttpHeaders.ACCEPT, normalise(accept));
    }
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/vnd.github")) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }

  private static String normalise(String accept) {
    return GITHUB_JSON.matcher(accept).replaceAll(MediaType.APPLICATION_JSON);
  }
}
