package io.licensesync.web;

import io.licensesync.rest.Documentation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The first filter of every request (mapped first in {@code web.xml}): a request whose path, as the
 * client spelled it, is not plain — dot-segments ({@code /./}, {@code /../}, also percent-encoded),
 * encoded slashes or backslashes, a backslash, path parameters ({@code ;…}), doubled slashes,
 * encoded or raw control characters — is answered 400 before anything else runs. Such spellings are
 * how a request reaches one path while looking like another; refusing them leaves only one spelling
 * per page, and the gates decide on the dispatched path besides.
 */
public class RequestPathGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /**
   * The request attribute holding the client's address, set here for the JAX-RS filters: read
   * through Jersey's injected {@code HttpServletRequest} it cost a twentieth of a light API
   * request's CPU (a proxy resolved per call).
   */
  public static final String REMOTE_ADDRESS = "io.licensesync.remote-address";

  private static final java.util.regex.Pattern ENCODED_CONTROL =
      java.util.regex.Pattern.compile("%(0[0-9a-f]|1[0-9a-f]|7f)");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String refusal = refusal(request.getRequestURI());
    if (refusal != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json;charset=UTF-8");
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      String body =
          "{\"message\":\"Bad Request: "
              + refusal
              + "\",\"documentation_url\":\""
              + Documentation.restApi(request)
              + "\"}";
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      return;
    }
    request.setAttribute(REMOTE_ADDRESS, request.getRemoteAddr());
    chain.doFilter(request, response);
  }

  /** Why a raw request path (as sent, before decoding) is refused, or null when it is plain. */
  static String refusal(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return null;
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || rawPath.indexOf('\\') >= 0) {
      return "the path holds an encoded slash or a backslash";
    }
    if (rawPath.indexOf(';') >= 0 || lower.contains("%3b")) {
      return "the path holds path parameters (;)";
    }
    if (rawPath.contains("//")) {
      return "the path holds an empty segment (//)";
    }
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "the path holds a control character";
      }
    }
    if (lower.indexOf('%') >= 0 && ENCODED_CONTROL.matcher(lower).find()) {
      return "the path holds an encoded control character";
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return "the path holds a dot-segment (. or ..)";
      }
    }
    return null;
  }
}
