package io.licensesync.docs;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.Deployments;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The documentation the application serves at {@code /docs/}, and the {@code documentation_url} of
 * its errors: every link there leads to a page that exists.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync();
  }

  @ArquillianResource URL base;

  @RegisterExtension final Browser browser = new Browser();

  @Test
  void theReadmeAndEachGuideAreServedAsPagesLinkedToEachOther() {
    Api anonymous = Api.at(base);
    Reply index = anonymous.send("GET", "docs/", null, null, "text/html", false);
    assertEquals(200, index.status(), index.toString());
    assertTrue(index.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(index.body().contains("/docs/operations\""), "README's docs/operations.md link");
    Reply rest = anonymous.send("GET", "docs/rest-api", null, null, "text/html", false);
    assertEquals(200, rest.status());
    assertTrue(rest.body().contains("id=\"server-role-apiv3-as-on-a-real-enterprise-server\""));
    assertTrue(rest.body().contains("id=\"cloud-role-cloudapi\""));
    assertFalse(rest.body().contains(".md\""), "no link left to a Markdown file");
    assertEquals(
        404, anonymous.send("GET", "docs/no-such-page", null, null, "text/html", false).status());
    assertEquals(
        404, anonymous.send("GET", "docs/Pom.XML", null, null, "text/html", false).status());
  }

  @Test
  void everyErrorPointsAtAPageThatExists() {
    Api anonymous = Api.at(base);
    Api admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    // one of our own endpoints: our documentation, at the section of its role
    Reply own = admin.get("api/v3/admin/license-sync/runs/987654321");
    assertEquals(404, own.status(), own.toString());
    String ownDocs = own.json().get("documentation_url").asText();
    assertTrue(
        ownDocs.endsWith("/docs/rest-api#server-role-apiv3-as-on-a-real-enterprise-server"),
        ownDocs);
    Reply page =
        Api.at(base)
            .send(
                "GET",
                URI.create(ownDocs)
                    .getPath()
                    .replaceFirst("^" + URI.create(base.toString()).getPath(), ""),
                null,
                null,
                "text/html",
                false);
    assertEquals(200, page.status(), ownDocs + " -> " + page);
    // a GitHub-compatible endpoint: GitHub's own page for it
    Reply github = admin.put("api/v3/users/nobody-" + System.nanoTime() + "/site_admin", null);
    assertEquals(404, github.status());
    assertEquals(
        "https://docs.github.com/en/enterprise-server@3.17/rest/enterprise-admin/users#promote-a-user-to-be-a-site-administrator",
        github.json().get("documentation_url").asText());
    // without a credential, before any endpoint: the REST reference
    Reply none = anonymous.get("api/v3/user");
    assertTrue(
        none.json()
                .get("documentation_url")
                .asText()
                .endsWith("/docs/rest-api#server-role-apiv3-as-on-a-real-enterprise-server")
            || none.json().get("documentation_url").asText().startsWith("https://docs.github.com/"),
        none.toString());
  }

  @Test
  void theApiExplorerShowsTheOperationsInABrowser() {
    browser.open(base).go("docs/api");
    // the page's own title from /openapi, then the operations of both roles
    browser.waitUntil(30, text -> text.contains("One WAR, two roles"));
    browser.waitUntil(30, text -> text.contains("/api/v3/admin/license-sync/runs"));
    assertTrue(browser.text().contains("/cloud/api/enterprises/{enterprise}/consumed-licenses"));
    assertTrue(
        browser.driver().findElements(By.cssSelector(".opblock")).size() > 20,
        "each operation is listed");
  }
}
