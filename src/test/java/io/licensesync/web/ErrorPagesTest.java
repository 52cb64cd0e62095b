package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrorPagesTest {

  @Test
  void anErrorUnderARolesPathShowsThatRolesNameAndNavigation() {
    assertEquals(ErrorPages.Role.SERVER, ErrorPages.Role.of("/server/nothing.xhtml"));
    assertEquals(ErrorPages.Role.CLOUD, ErrorPages.Role.of("/cloud/nothing"));
    assertEquals(ErrorPages.Role.NONE, ErrorPages.Role.of("/serverless"));

    String page =
        ErrorPages.page(ErrorPages.Role.SERVER, "/app", 404, "Not Found", "There is no page.");
    assertTrue(page.contains("<p class=\"product\">license-sync · Enterprise Server</p>"), page);
    assertTrue(page.contains("Enterprise settings"), page);
    assertTrue(page.contains("<a href=\"/app/server/connect.xhtml\">GitHub Connect</a>"), page);
    assertTrue(page.contains("<h1>Not Found (404)</h1>"), page);
    assertTrue(page.contains("href=\"/app/server/license.xhtml\">Go to the License page"), page);
  }

  @Test
  void theCloudsErrorPageLinksOnlyToCloudPages() {
    String page = ErrorPages.page(ErrorPages.Role.CLOUD, "", 403, "Forbidden", "No.");
    assertTrue(page.contains("<a href=\"/cloud/members.xhtml\">Members</a>"), page);
    assertFalse(page.contains("/server/"), page);
  }

  /**
   * The error page draws each role's navigation itself (it is not a Faces view): it must list the
   * same pages, under the same labels and in the same order, as the navigation template the role's
   * pages use, so a page added to the template is not missing from the error page.
   */
  @Test
  void theErrorPagesNavigationListsEveryPageOfTheRolesTemplate() throws IOException {
    assertEquals(
        templateLinks("server-nav.xhtml"),
        pageLinks(ErrorPages.page(ErrorPages.Role.SERVER, "", 404, "Not Found", "x")));
    assertEquals(
        templateLinks("cloud-nav.xhtml"),
        pageLinks(ErrorPages.page(ErrorPages.Role.CLOUD, "", 404, "Not Found", "x")));
  }

  /** {@code outcome label} of each {@code h:link} in a navigation template, in order. */
  private static List<String> templateLinks(String template) throws IOException {
    String xhtml = Files.readString(Path.of("src/main/webapp/WEB-INF/templates").resolve(template));
    Matcher link =
        Pattern.compile("<h:link [^>]*outcome=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(xhtml);
    List<String> links = new ArrayList<>();
    while (link.find()) {
      links.add(link.group(1) + ".xhtml " + link.group(2));
    }
    assertFalse(links.isEmpty(), template);
    return links;
  }

  /** {@code path label} of each link in the error page's navigation, in order. */
  private static List<String> pageLinks(String page) {
    String nav = page.substring(page.indexOf("<nav"), page.indexOf("</nav>"));
    Matcher link = Pattern.compile("<a href=\"([^\"]+)\">([^<]+)</a>").matcher(nav);
    List<String> links = new ArrayList<>();
    while (link.find()) {
      links.add(link.group(1) + " " + link.group(2));
    }
    return links;
  }
}
