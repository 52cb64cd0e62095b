package io.licensesync.docs;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.Deployments;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * its errors: every link there leads to a page that exists; {@code /openapi} documents every
 * operation of both roles, and {@code /docs/api} shows them.
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

  /**
   * Operations not documented on this branch: the Cloud's alerts are written in parallel on main
   * and get their annotations there. Each entry must still be undocumented, so the list only
   * shrinks.
   */
  private static final Set<String> NOT_YET_DOCUMENTED = Set.of();

  @Test
  void openApiDocumentsEveryOperationWithItsSchemasAndRefusals() throws Exception {
    JsonNode api = Api.JSON.readTree(openApi());
    assertEquals("license-sync", api.at("/info/title").asText());
    assertTrue(api.at("/info/description").asText().contains("Server role"));
    assertTrue(api.at("/info/description").asText().contains("Cloud role"));
    assertTrue(api.at("/components/securitySchemes/token").isObject(), "the token scheme");
    List<String> problems = new ArrayList<>();
    List<String> undocumented = new ArrayList<>();
    Set<String> operationIds = new HashSet<>();
    int operations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      // each role's resources under its own root only
      if (!path.getKey().startsWith("/api/v3/") && !path.getKey().startsWith("/cloud/api/")
          || path.getKey().startsWith("/api/v3/enterprises/{enterprise}")
          || path.getKey().matches("/cloud/api/(admin|users?)/.*")) {
        problems.add("a path outside its role: " + path.getKey());
      }
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = ops.next();
        if (!Set.of("get", "put", "post", "delete", "patch").contains(entry.getKey())) {
          continue;
        }
        operations++;
        String name = entry.getKey().toUpperCase() + " " + path.getKey();
        JsonNode op = entry.getValue();
        if (op.path("summary").asText().isBlank()) {
          undocumented.add(name);
          continue;
        }
        String id = op.path("operationId").asText();
        if (id.isBlank() || !operationIds.add(id)) {
          problems.add(name + ": operationId missing or not unique: " + id);
        }
        if (op.path("tags").isEmpty()) {
          problems.add(name + ": no tag");
        }
        JsonNode responses = op.path("responses");
        boolean success = false;
        for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
          String code = codes.next();
          JsonNode response = resolve(api, responses.get(code));
          if (code.equals("204")
              || code.startsWith("2") && response.path("content").findValue("schema") != null) {
            success = true;
          }
          JsonNode schema = response.path("content").findValue("schema");
          if (code.startsWith("4")
              && (schema == null
                  || !resolve(api, schema).path("properties").has("documentation_url"))) {
            problems.add(name + ": " + code + " without the error body");
          }
        }
        if (!success) {
          problems.add(name + ": no 2xx response with a schema (nor a 204)");
        }
        if (!responses.has("401")) {
          problems.add(name + ": no 401");
        }
        // a JSON body is described by its fields, not as a bare string
        JsonNode body = resolve(api, op.path("requestBody"));
        for (Iterator<Map.Entry<String, JsonNode>> types = body.path("content").fields();
            types.hasNext(); ) {
          Map.Entry<String, JsonNode> type = types.next();
          JsonNode schema = resolve(api, type.getValue().path("schema"));
          if (type.getKey().contains("json")
              && !Set.of("object", "array").contains(schema.path("type").asText())) {
            problems.add(name + ": " + type.getKey() + " body without its fields: " + schema);
          }
        }
        for (JsonNode parameter : op.path("parameters")) {
          JsonNode p = resolve(api, parameter);
          if (p.path("description").asText().isBlank()) {
            problems.add(name + ": parameter " + p.path("name").asText() + " undescribed");
          }
        }
      }
    }
    // no property of an answer is an object of unknown shape (the generator's guess for Object);
    // a JWK is any JSON object by nature
    for (Iterator<Map.Entry<String, JsonNode>> schemas = api.at("/components/schemas").fields();
        schemas.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = schemas.next();
      for (Iterator<Map.Entry<String, JsonNode>> properties =
              schema.getValue().path("properties").fields();
          properties.hasNext(); ) {
        Map.Entry<String, JsonNode> property = properties.next();
        JsonNode p = property.getValue();
        if (p.path("type").asText().equals("object")
            && !p.has("properties")
            && !p.has("additionalProperties")
            && !(schema.getKey() + "." + property.getKey()).equals("KeyJson.key")) {
          problems.add(schema.getKey() + "." + property.getKey() + ": an object of unknown shape");
        }
      }
    }
    // every $ref in the document leads somewhere
    for (JsonNode ref : api.findValues("$ref")) {
      if (api.at(ref.asText().substring(1)).isMissingNode()) {
        problems.add("unresolved " + ref.asText());
      }
    }
    assertTrue(operations > 50, "both roles' operations: " + operations);
    // operations declared on shared code are there too (a generator once dropped inherited ones)
    for (String kind : List.of("links", "not-same")) {
      String base = "/cloud/api/enterprises/{enterprise}/" + kind;
      assertTrue(api.at("/paths/" + base.replace("/", "~1") + "/get").isObject(), base);
      assertTrue(api.at("/paths/" + base.replace("/", "~1") + "/post").isObject(), base);
      assertTrue(
          api.at("/paths/" + (base + "/{id}").replace("/", "~1") + "/delete").isObject(), base);
    }
    assertTrue(api.at("/paths/~1api~1v3~1admin~1alerts/get").isObject(), "the Server's alerts");
    assertEquals(List.of(), problems);
    assertEquals(NOT_YET_DOCUMENTED, Set.copyOf(undocumented));
    // the records' fields under the names JSON-B writes, with real types
    JsonNode run =
        resolve(
                api,
                api.get("paths")
                    .get("/api/v3/admin/license-sync/runs")
                    .at("/post/responses/202/content")
                    .findValue("schema"))
            .path("properties");
    assertTrue(run.has("accounts_sent"), run.toString());
    assertEquals(
        "string", resolve(api, run.path("started_at")).path("type").asText(), run.toString());
    // Payara's generator writes a long as "number" (an int as "integer"): a number either way
    assertTrue(
        Set.of("integer", "number").contains(resolve(api, run.path("id")).path("type").asText()),
        run.toString());
  }

  /** {@code /openapi} as JSON, from the server's root (Payara serves it there, not in the WAR). */
  private String openApi() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi"))
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    Files.writeString(Path.of("target", "openapi.json"), response.body());
    return response.body();
  }

  /** The node itself, or the one its {@code $ref} names. */
  private static JsonNode resolve(JsonNode api, JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : api.at(ref.asText().substring(1));
  }
}
