package io.licensesync.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Sends a visitor who may not see a page to a role's sign-in page: with {@code return} naming the
 * page asked for (a GET only; the sign-in page honours it only as a same-site path of its role),
 * and {@code expired} when the browser still sent a session that has ended.
 */
public final class SignInRedirect {

  private SignInRedirect() {}

  public static void send(
      HttpServletRequest request, HttpServletResponse response, String signInPath)
      throws IOException {
    StringBuilder target = new StringBuilder(request.getContextPath()).append(signInPath);
    char separator = '?';
    if ("GET".equals(request.getMethod())) {
      String asked = DispatchedPath.of(request);
      if (request.getQueryString() != null) {
        asked += "?" + request.getQueryString();
      }
      target
          .append(separator)
          .append("return=")
          .append(URLEncoder.encode(asked, StandardCharsets.UTF_8));
      separator = '&';
    }
    if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
      target.append(separator).append("expired=true");
    }
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(target.toString());
  }
}
