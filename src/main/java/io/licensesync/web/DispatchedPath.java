package io.licensesync.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The path a request was dispatched to, as the container mapped it (servlet path plus path info,
 * decoded and normalised by the container), never the URI as the client spelled it. Access is
 * decided on this path only, and compared without regard to case, so that no spelling of a URL
 * (dot-segments, encodings, path parameters, doubled slashes, case) reaches a page by another name.
 * {@link RequestPathGuard} refuses the unusual spellings before this is asked.
 */
public final class DispatchedPath {

  private DispatchedPath() {}

  /** The dispatched path relative to the context root, e.g. {@code /server/people.xhtml}. */
  public static String of(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  /** True when {@code path} is {@code prefix} or below it, compared without regard to case. */
  public static boolean isUnder(String path, String prefix) {
    String lower = path.toLowerCase(Locale.ROOT);
    String p = prefix.toLowerCase(Locale.ROOT);
    return lower.equals(p) || lower.startsWith(p.endsWith("/") ? p : p + "/");
  }
}
