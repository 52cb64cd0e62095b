package io.licensesync.web;

import io.licensesync.rest.Documentation;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's own error answers, so a container's default error page (with its server name,
 * version or a stack trace) never shows: the REST paths get GitHub's JSON error body, pages a short
 * page in the application's look. Registered for every status and exception in {@code web.xml}; the
 * cause is logged, never shown.
 */
public class ErrorPages extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());

  private static final Map<Integer, String> TITLES =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Requires authentication"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Server Error"),
          Map.entry(503, "Service Unavailable"));

  private static final Map<Integer, String> EXPLANATIONS =
      Map.of(
          403, "You may not use this page. Sign in with an account that may, or go back.",
          404, "There is no page at this address.",
          405, "This page does not take that kind of request.",
          413, "What was sent is larger than this page accepts; nothing was changed.",
          429, "Too many attempts. Wait a little, then try again.",
          500,
              "Something went wrong on our side and nothing was changed. Try again; if it keeps happening, tell your administrator.");

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = status(request);
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (failure instanceof Throwable cause) {
      LOG.log(
          Level.SEVERE,
          "Unhandled failure answering " + (path == null ? "a request" : path),
          cause);
    }
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    String title = TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Error");
    String relative =
        path == null
            ? ""
            : path.substring(Math.min(path.length(), request.getContextPath().length()));
    if (isApi(relative)) {
      response.setContentType("application/json;charset=UTF-8");
      String body =
          "{\"message\":\""
              + title
              + "\",\"documentation_url\":\""
              + Documentation.restApi(request)
              + "\"}";
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String home =
        DispatchedPath.isUnder(relative, "/cloud")
            ? "/cloud/licensing.xhtml"
            : DispatchedPath.isUnder(relative, "/server") ? "/server/license.xhtml" : "/";
    String explanation = EXPLANATIONS.getOrDefault(status, "The request could not be answered.");
    response.setContentType("text/html;charset=UTF-8");
    String page =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + title
            + " · license-sync</title>"
            + "<link rel=\"stylesheet\" href=\""
            + request.getContextPath()
            + "/jakarta.faces.resource/license-sync.css.xhtml\">"
            + "</head><body><header><p class=\"product\">license-sync</p></header><main id=\"main\">"
            + "<h1>"
            + title
            + " ("
            + status
            + ")</h1><p>"
            + explanation
            + "</p>"
            + "<p><a href=\""
            + request.getContextPath()
            + home
            + "\">Go to the start page</a></p>"
            + "</main></body></html>";
    response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
  }

  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : 404;
    return status < 400 ? 500 : status;
  }

  static boolean isApi(String path) {
    return DispatchedPath.isUnder(path, "/api") || DispatchedPath.isUnder(path, "/cloud/api");
  }
}
