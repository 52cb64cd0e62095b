package io.licensesync.web;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static io.licensesync.testing.Deployments.uniqueLogin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.CloudProxy;
import io.licensesync.testing.Deployments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile requests against the deployed WAR, as an attacker would send them, byte for byte over a
 * socket (an HTTP client would tidy the path): every unusual spelling of a page's URL is refused or
 * sent to sign-in, never rendered; the headers every answer carries; the application's own error
 * answers; Connect's URL rules and a failed Connect leaving nothing behind; Disconnect ending with
 * both sides in agreement.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// HTTP and access only, no SQL of its own: CI runs it once, on H2 (docs/testing.md)
@Tag("database-independent")
class PageAccessIT {

  static final String OPERATOR = "it-operator-access";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;

  @BeforeEach
  void signIn() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  /** An answer read off the socket: status line, headers (lower-case names), body. */
  record Raw(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  private Raw raw(String method, String path, String... headerLines) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      StringBuilder request =
          new StringBuilder(method)
              .append(' ')
              .append(path)
              .append(" HTTP/1.1\r\n")
              .append("Host: ")
              .append(base.getHost())
              .append(':')
              .append(base.getPort())
              .append("\r\n")
              .append("Connection: close\r\n");
      for (String line : headerLines) {
        request.append(line).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] head = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        headers.merge(
            head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            head[i].substring(colon + 1).strip(),
            (a, b) -> a + "\n" + b);
      }
      return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String createUserWithEmail() {
    String login = uniqueLogin("victim");
    Reply created =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + login + "\",\"email\":\"" + login + "@secret.example\"}");
    assertEquals(201, created.status(), created.toString());
    return login;
  }

  @Test
  @Tag("smoke")
  void everyUnusualSpellingOfAPagePathIsRefusedBeforeDispatch() {
    String login = createUserWithEmail();
    List<String> spellings =
        List.of(
            "/server/jakarta.faces.resource/../people.xhtml",
            "/server/jakarta.faces.resource/%2e%2e/people.xhtml",
            "/server/jakarta.faces.resource/%2E%2E/people.xhtml",
            "/server/jakarta.faces.resource/.%2e/people.xhtml",
            "/cloud/api/../../server/people.xhtml",
            "/cloud/api/%2e%2e/%2e%2e/server/people.xhtml",
            "/api/v3/../../server/people.xhtml",
            "/server/./people.xhtml",
            "/server/%2e/people.xhtml",
            "/server/x/..%2fpeople.xhtml",
            "/server%2fpeople.xhtml",
            "/server%2Fpeople.xhtml",
            "/server/people.xhtml%3bx",
            "//server/people.xhtml",
            "/server//people.xhtml",
            "/server\\people.xhtml",
            "/server%5cpeople.xhtml",
            "/server/people.xhtml%00",
            "/cloud/api/../../cloud/licensing.xhtml",
            "/server/jakarta.faces.resource/../license-usage-export");
    for (String path : spellings) {
      Raw answer = raw("GET", path);
      assertEquals(400, answer.status(), path + " -> " + answer);
      // some spellings (a raw backslash) Payara's HTTP layer refuses itself, with an empty 400
      assertTrue(
          answer.body().isBlank() || answer.body().contains("\"message\":\"Bad Request"),
          path + " -> " + answer.body());
      assertFalse(answer.body().contains(login), path + " leaked an account");
      assertFalse(answer.body().contains("@secret.example"), path + " leaked an email");
    }
    // path parameters Payara's HTTP layer handles before the application (it strips ;jsessionid,
    // and
    // answers a parameter on a directory with its own redirect): never the page, never its data
    for (String path : List.of("/server/people.xhtml;jsessionid=x", "/server;x=1/people.xhtml")) {
      Raw answer = raw("GET", path);
      assertTrue(
          answer.status() == 400
              || answer.status() == 301
              || answer.header("Location").startsWith("/server/sign-in.xhtml"),
          path + " -> " + answer);
      assertFalse(answer.body().contains(login), path + " leaked an account");
    }
    // the same spellings with a form post (an action) are refused the same way, and change nothing
    Raw post =
        raw(
            "POST",
            "/server/jakarta.faces.resource/../people.xhtml",
            "Content-Type: application/x-www-form-urlencoded",
            "Origin: " + base.getProtocol() + "://" + base.getHost() + ":" + base.getPort(),
            "Content-Length: 0");
    assertEquals(400, post.status(), post.toString());
  }

  @Test
  void pagesAreDecidedOnTheDispatchedPathWhateverTheCase() {
    String login = createUserWithEmail();
    for (String path :
        List.of(
            "/server/people.xhtml",
            "/SERVER/people.xhtml",
            "/Server/People.xhtml",
            "/server/PEOPLE.xhtml",
            "/server/license-usage-export",
            "/SERVER/license-usage-export",
            "/server/audit.xhtml?page=1")) {
      Raw answer = raw("GET", path);
      assertEquals(302, answer.status(), path + " -> " + answer);
      assertTrue(
          answer.header("Location").startsWith("/server/sign-in.xhtml"),
          path + " -> " + answer.header("Location"));
      assertFalse(answer.body().contains(login), path + " leaked an account");
    }
    for (String path :
        List.of(
            "/cloud/licensing.xhtml",
            "/CLOUD/licensing.xhtml",
            "/cloud/members.xhtml",
            "/cloud/consumed-licenses.csv",
            "/Cloud/Consumed-Licenses.csv")) {
      Raw answer = raw("GET", path);
      assertEquals(302, answer.status(), path + " -> " + answer);
      assertTrue(
          answer.header("Location").startsWith("/cloud/sign-in.xhtml"),
          path + " -> " + answer.header("Location"));
    }
    // the page asked for comes back after sign-in: it is named in the redirect, relative (never
    // from Host)
    Raw people = raw("GET", "/server/people.xhtml?q=x", "Host: evil.example");
    assertEquals(
        "/server/sign-in.xhtml?return=%2Fserver%2Fpeople.xhtml%3Fq%3Dx", people.header("Location"));
    // a browser whose session ended is told so
    Raw expired = raw("GET", "/server/license.xhtml", "Cookie: JSESSIONID=ended-session-id");
    assertTrue(expired.header("Location").contains("expired=true"), expired.header("Location"));
    // a post of a page action without a session is sent to sign-in and runs nothing
    String origin = "Origin: " + base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    Reply suspended = admin.put("api/v3/users/" + login + "/suspended", "{\"reason\":\"test\"}");
    assertEquals(204, suspended.status(), suspended.toString());
    String form =
        "people=people&people%3Aaccounts%3A0%3Aunsuspend=Unsuspend&jakarta.faces.ViewState=stateless";
    Raw action =
        raw(
            "POST",
            "/server/people.xhtml",
            "Content-Type: application/x-www-form-urlencoded",
            origin,
            "Content-Length: " + form.length() + "\r\n\r\n" + form);
    assertEquals(302, action.status(), action.toString());
    assertTrue(
        admin.get("api/v3/users/" + login).json().get("suspended_at").isTextual(),
        "still suspended");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    Raw page = raw("GET", "/server/sign-in.xhtml");
    assertEquals(200, page.status());
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals("same-origin", page.header("Referrer-Policy"));
    String csp = page.header("Content-Security-Policy");
    for (String directive :
        List.of("default-src 'self'", "frame-ancestors 'none'", "form-action 'self'")) {
      assertTrue(csp.contains(directive), csp);
    }
    String cookie = page.header("Set-Cookie");
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), cookie);
    assertFalse(
        cookie.toLowerCase(Locale.ROOT).contains("secure"),
        "no Secure flag while the public URL is http: " + cookie);

    Raw api = raw("GET", "/api/v3/user");
    assertEquals(401, api.status());
    assertEquals("nosniff", api.header("X-Content-Type-Options"));
    assertEquals("same-origin", api.header("Referrer-Policy"));
  }

  @Test
  void theContainersErrorPagesNeverShow() {
    Raw page = raw("GET", "/no-such-page.xhtml");
    assertEquals(404, page.status(), page.toString());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
    assertTrue(
        page.body().contains("license-sync") && page.body().contains("Not Found"), page.body());
    for (String leak :
        List.of("Payara", "GlassFish", "WildFly", "Undertow", "Exception", "at io.")) {
      assertFalse(page.body().contains(leak), leak + " in " + page.body());
    }
    Raw missing = raw("GET", "/nothing/here");
    assertEquals(404, missing.status());
    assertTrue(missing.body().contains("license-sync"), missing.body());
    String adminToken = anonymous.createToken(ADMIN, ADMIN_PASSWORD);
    for (String path : List.of("/api/v3/no-such-endpoint", "/cloud/api/no-such-endpoint")) {
      // the credential is judged before the path is matched: 401 without one, then 404
      Raw api = raw("GET", path);
      assertEquals(401, api.status(), path + " -> " + api);
      assertTrue(api.header("Content-Type").startsWith("application/json"), path + " -> " + api);
      String token = path.startsWith("/cloud") ? OPERATOR : adminToken;
      Raw known = raw("GET", path, "Authorization: token " + token);
      assertEquals(404, known.status(), path + " -> " + known);
      assertTrue(
          known.header("Content-Type").startsWith("application/json"), path + " -> " + known);
      assertTrue(known.body().contains("\"documentation_url\""), known.body());
    }
    Raw method = raw("PATCH", "/cloud/consumed-licenses.csv");
    assertFalse(
        method.body().contains("Payara") || method.body().contains("Exception"), method.body());
  }

  private String createEnterprise(String slug) {
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":10,\"owner\":{\"login\":\"owner\",\"emails\":[{\"email\":\"owner@"
                    + slug
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("owner_token").asText();
  }

  private Reply connect(String cloudUrl, String slug, String token) {
    return admin.put(
        "api/v3/admin/github-connect",
        "{\"cloud_url\":\""
            + cloudUrl
            + "\",\"enterprise\":\""
            + slug
            + "\",\"token\":\""
            + token
            + "\"}");
  }

  private int instancesOnCloud(String slug, String token) {
    Reply list =
        anonymous.withToken(token).get("cloud/api/enterprises/" + slug + "/server-instances");
    assertEquals(200, list.status(), list.toString());
    JsonNode json = list.json();
    return json.isArray() ? json.size() : json.get("server_instances").size();
  }

  @Test
  void connectTakesOnlyAPlainHttpUrlAndAFailedConnectLeavesNothingOnEitherSide() {
    admin.delete("api/v3/admin/github-connect?force=true");
    String slug = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String token = createEnterprise(slug);
    String good = base.toString();
    String withUser = good.replace("://", "://admin:secret@");
    for (String url :
        List.of(
            "ftp://cloud.example/",
            "javascript:alert(1)",
            "file:///etc/passwd",
            withUser,
            good + "?x=1",
            "http:///nohost",
            "x".repeat(600))) {
      Reply refused = connect(url, slug, token);
      assertEquals(422, refused.status(), url + " -> " + refused);
      assertEquals(
          "cloud_url",
          refused.json().get("errors").get(0).get("field").asText(),
          refused.toString());
    }
    assertEquals(404, admin.get("api/v3/admin/github-connect").status());
    assertEquals(0, instancesOnCloud(slug, token));

    try (CloudProxy proxy = CloudProxy.to(URI.create(good))) {
      proxy.garbleConnectAnswers("<html><body>Welcome to the captive portal</body></html>");
      Reply garbled = connect(proxy.url(), slug, token);
      assertEquals(502, garbled.status(), garbled.toString());
      assertTrue(
          garbled.json().get("message").asText().contains("nothing changed"), garbled.toString());
      assertEquals(404, admin.get("api/v3/admin/github-connect").status(), "nothing here");
      assertEquals(0, instancesOnCloud(slug, token), "and nothing left on the Cloud");
    }
  }

  @Test
  void disconnectEndsWithBothSidesInAgreement() {
    admin.delete("api/v3/admin/github-connect?force=true");
    String slug = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String token = createEnterprise(slug);
    try (CloudProxy proxy = CloudProxy.to(URI.create(base.toString()))) {
      assertEquals(201, connect(proxy.url(), slug, token).status());
      assertEquals(1, instancesOnCloud(slug, token));

      proxy.failDisconnects(true);
      Reply failing = admin.delete("api/v3/admin/github-connect");
      assertEquals(502, failing.status(), failing.toString());
      assertTrue(
          failing.json().get("message").asText().contains("both sides are still connected"),
          failing.toString());
      assertEquals(200, admin.get("api/v3/admin/github-connect").status(), "still connected here");
      assertEquals(1, instancesOnCloud(slug, token), "and there");

      assertEquals(422, admin.delete("api/v3/admin/github-connect?force=yes").status());
      assertEquals(200, admin.get("api/v3/admin/github-connect").status());

      proxy.failDisconnects(false);
      Reply done = admin.delete("api/v3/admin/github-connect");
      assertEquals(200, done.status(), done.toString());
      assertTrue(done.json().get("cloud_told").asBoolean());
      assertEquals(0, instancesOnCloud(slug, token));

      // Cloud unreachable: refused, unless the admin chooses to disconnect this Server alone
      assertEquals(201, connect(proxy.url(), slug, token).status());
      proxy.close();
      Reply unreachable = admin.delete("api/v3/admin/github-connect");
      assertEquals(502, unreachable.status(), unreachable.toString());
      assertEquals(200, admin.get("api/v3/admin/github-connect").status());
      Reply alone = admin.delete("api/v3/admin/github-connect?force=true");
      assertEquals(200, alone.status(), alone.toString());
      assertFalse(alone.json().get("cloud_told").asBoolean());
      assertEquals(404, admin.get("api/v3/admin/github-connect").status());
    }
  }
}
