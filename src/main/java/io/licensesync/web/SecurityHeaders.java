package io.licensesync.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;

/**
 * Headers on every answer: {@code X-Content-Type-Options: nosniff} and a {@code Referrer-Policy};
 * for everything but the REST APIs a {@code Content-Security-Policy} that allows only this site's
 * own scripts, styles and forms and no framing. Redirects are never built from the {@code Host}
 * header: relative, or from {@code licensesync.public-url} when it is set.
 */
public class SecurityHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String CSP =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  @Inject PublicUrl publicUrl;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    String path = DispatchedPath.of(request);
    if (!DispatchedPath.isUnder(path, "/api") && !DispatchedPath.isUnder(path, "/cloud/api")) {
      response.setHeader("Content-Security-Policy", CSP);
      response.setHeader("X-Frame-Options", "DENY");
    }
    chain.doFilter(request, new Redirects(response, publicUrl));
  }

  /** Sends redirects with a relative {@code Location}, or one on the public URL. */
  static final class Redirects extends HttpServletResponseWrapper {

    private final PublicUrl publicUrl;

    Redirects(HttpServletResponse response, PublicUrl publicUrl) {
      super(response);
      this.publicUrl = publicUrl;
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      if (isCommitted()) {
        throw new IllegalStateException("response already committed");
      }
      resetBuffer();
      setStatus(SC_FOUND);
      setHeader("Location", location(location, publicUrl));
      flushBuffer();
    }

    static String location(String location, PublicUrl publicUrl) {
      if (URI.create(location).getScheme() != null || !location.startsWith("/")) {
        return location;
      }
      return publicUrl.origin().map(origin -> origin + location).orElse(location);
    }
  }
}
