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
 * page in the application's layout with its role's navigation. Registered for every status and
 * exception in {@code web.xml}; the cause is logged, never shown.
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
    String explanation = EXPLANATIONS.getOrDefault(status, "The request could not be answered.");
    response.setContentType("text/html;charset=UTF-8");
    String page = page(Role.of(relative), request.getContextPath(), status, title, explanation);
    response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The page in the application's layout (as {@code WEB-INF/templates/layout.xhtml} draws it): the
   * role's name and navigation, the title, what happened, the way back. Nothing of the request is
   * echoed.
   */
  static String page(Role role, String context, int status, String title, String explanation) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + title
        + " · license-sync</title>"
        + "<link rel=\"stylesheet\" href=\""
        + context
        + "/jakarta.faces.resource/license-sync.css.xhtml\">"
        + "</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>"
        + "<header><p class=\"product\">"
        + role.product
        + "</p><nav aria-label=\"Main\"><ul>"
        + role.nav(context)
        + "</ul></nav></header><main id=\"main\">"
        + "<h1>"
        + title
        + " ("
        + status
        + ")</h1><p id=\"errorExplanation\">"
        + explanation
        + "</p>"
        + "<p><a id=\"startPage\" href=\""
        + context
        + role.home
        + "\">"
        + role.homeLabel
        + "</a></p>"
        + "</main></body></html>";
  }

  /** Whose pages an error answer belongs to, by its path: their name, navigation and start page. */
  enum Role {
    SERVER("license-sync · Enterprise Server", "/server/license.xhtml", "Go to the License page"),
    CLOUD(
        "license-sync · Enterprise Cloud",
        "/cloud/licensing.xhtml",
        "Go to the Enterprise licensing page"),
    NONE("license-sync", "/", "Go to the start page");

    final String product;
    final String home;
    final String homeLabel;

    Role(String product, String home, String homeLabel) {
      this.product = product;
      this.home = home;
      this.homeLabel = homeLabel;
    }

    static Role of(String path) {
      return DispatchedPath.isUnder(path, "/cloud")
          ? CLOUD
          : DispatchedPath.isUnder(path, "/server") ? SERVER : NONE;
    }

    /**
     * The items of the role's navigation, as its pages' template ({@code
     * WEB-INF/templates/*-nav.xhtml}) lists them; ErrorPagesTest keeps the two alike.
     */
    String nav(String context) {
      return switch (this) {
        case SERVER ->
            "<li class=\"nav-group\"><span class=\"nav-group-label\">Enterprise settings</span><ul>"
                + link(context, "/server/license.xhtml", "License")
                + link(context, "/server/connect.xhtml", "GitHub Connect")
                + "</ul></li>"
                + link(context, "/server/people.xhtml", "People")
                + link(context, "/server/dormant.xhtml", "Dormant seats")
                + link(context, "/server/audit.xhtml", "Audit");
        case CLOUD ->
            link(context, "/cloud/licensing.xhtml", "Enterprise licensing")
                + link(context, "/cloud/seats.xhtml", "People and seats")
                + link(context, "/cloud/members.xhtml", "Members");
        case NONE ->
            link(context, "/server/license.xhtml", "Enterprise Server")
                + link(context, "/cloud/licensing.xhtml", "Enterprise Cloud");
      };
    }

    private static String link(String context, String path, String label) {
      return "<li><a href=\"" + context + path + "\">" + label + "</a></li>";
    }
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
