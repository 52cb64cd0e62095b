package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
