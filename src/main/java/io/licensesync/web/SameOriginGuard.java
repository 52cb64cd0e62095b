package io.licensesync.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a form post to a page unless the browser says it comes from this site ({@code Origin}, or
 * failing that {@code Referer}, names this host). With JSF's per-session view state and the
 * SameSite session cookie, a forged cross-site post changes nothing. Mapped to {@code *.xhtml} in
 * {@code web.xml}, after the gates.
 */
public class SameOriginGuard extends HttpFilter {

  private static final byte[] REFUSED =
      ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Request refused</title></head>"
              + "<body><main><h1>Request refused</h1><p>This form was not sent from this site, so nothing was changed."
              + " Reload the page and try again.</p></main></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("POST".equalsIgnoreCase(request.getMethod()) && !sameOrigin(request)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("text/html;charset=UTF-8");
      response.getOutputStream().write(REFUSED);
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean sameOrigin(HttpServletRequest request) {
    String source = request.getHeader("Origin");
    if (source == null || source.isBlank() || "null".equals(source)) {
      source = request.getHeader("Referer");
    }
    if (source == null || source.isBlank()) {
      return false;
    }
    try {
      URI uri = URI.create(source.strip());
      String host = request.getHeader("Host");
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null
          && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getHost()));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
