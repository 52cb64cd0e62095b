package io.licensesync.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where an error's {@code documentation_url} points: for an endpoint GitHub has too, the page of
 * GitHub's REST documentation for it (Enterprise Server or Enterprise Cloud); for everything else,
 * this application's own documentation at {@code /docs/}, on {@code licensesync.public-url} when it
 * is set, or else on the address the request came to.
 */
public final class Documentation {

  private static final String GHES = "https://docs.github.com/en/enterprise-server@3.17/rest/";
  private static final String GHEC = "https://docs.github.com/en/enterprise-cloud@latest/rest/";

  /** A GitHub-compatible endpoint (its path below the API root) and its page on GitHub's docs. */
  private record GitHubPage(Pattern path, String url) {}

  private static final List<GitHubPage> SERVER =
      List.of(
          page(
              "users/[^/]+/site_admin",
              GHES + "enterprise-admin/users#promote-a-user-to-be-a-site-administrator"),
          page("users/[^/]+/suspended", GHES + "enterprise-admin/users#suspend-a-user"),
          page(
              "admin/users/[^/]+/authorizations",
              GHES + "enterprise-admin/users#create-an-impersonation-oauth-token"),
          page("admin/users(/.*)?", GHES + "enterprise-admin/users"),
          page("users(/[^/]+)?", GHES + "users/users"),
          page("user", GHES + "users/users#get-the-authenticated-user"),
          page("enterprise/stats(/.*)?", GHES + "enterprise-admin/admin-stats"),
          page(
              "enterprise/settings/license",
              GHES + "enterprise-admin/license#get-license-information"));

  private static final List<GitHubPage> CLOUD =
      List.of(
          page(
              "enterprises/[^/]+/consumed-licenses",
              GHEC + "enterprise-admin/license#list-enterprise-consumed-licenses"),
          page(
              "enterprises/[^/]+/license-sync-status",
              GHEC + "enterprise-admin/license#get-a-license-sync-status"));

  private Documentation() {}

  private static GitHubPage page(String path, String url) {
    return new GitHubPage(Pattern.compile(path), url);
  }

  /**
   * The documentation of the API endpoint at {@code path} (below {@code /api/v3/} or {@code
   * /cloud/api/}, as dispatched) for a request that came in as {@code request}.
   */
  public static String ofEndpoint(HttpServletRequest request, boolean cloud, String path) {
    String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
    for (GitHubPage page : cloud ? CLOUD : SERVER) {
      if (page.path().matcher(trimmed).matches()) {
        return page.url();
      }
    }
    return page(
        request,
        cloud
            ? "rest-api#cloud-role-cloudapi"
            : "rest-api#server-role-apiv3-as-on-a-real-enterprise-server");
  }

  /** The REST API's documentation, for an answer outside any one endpoint. */
  public static String restApi(HttpServletRequest request) {
    return page(request, "rest-api");
  }

  /** {@code page} (e.g. {@code rest-api#…}) of this application's documentation. */
  public static String page(HttpServletRequest request, String page) {
    Optional<String> configured =
        ConfigProvider.getConfig()
            .getOptionalValue("licensesync.public-url", String.class)
            .filter(url -> !url.isBlank());
    String base;
    if (configured.isPresent()) {
      base = configured.get().strip();
      base = base.endsWith("/") ? base : base + "/";
    } else if (request != null) {
      boolean defaultPort =
          (request.getScheme().equals("http") && request.getServerPort() == 80)
              || (request.getScheme().equals("https") && request.getServerPort() == 443);
      base =
          request.getScheme()
              + "://"
              + request.getServerName()
              + (defaultPort ? "" : ":" + request.getServerPort())
              + request.getContextPath()
              + "/";
    } else {
      base = "/";
    }
    return base + "docs/" + page;
  }
}
