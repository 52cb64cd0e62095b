package io.licensesync.server.access.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Browser;
import io.licensesync.testing.Contracts;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in security of both roles on a real server: guessing is throttled (429 and {@code
 * Retry-After}) per login and per client address on the REST API and both sign-in pages, a failed
 * sign-in is audited without the password, an unknown login takes as long as a known one, tokens
 * die with the token they were made with, impersonation is not the person's activity, each role
 * signs out and expires on its own. The deployment allows 4 failures in 3 seconds and 15 seconds
 * idle; every test waits out the window first, and the throttling tests come from their own
 * loopback addresses (127.0.x.y) so they never block another test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// HTTP and access only, no SQL of its own: CI runs it once, on H2 (docs/testing.md)
@Tag("database-independent")
class SignInSecurityIT {

  static final String OPERATOR = "it-operator-sign-in";
  static final int MAX_FAILURES = 4;
  static final long WINDOW_MILLIS = 3_000;
  static final long IDLE_MILLIS = 15_000;

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

  @RegisterExtension final Browser browser = new Browser();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.sign-in.max-failures",
            Integer.toString(MAX_FAILURES),
            "licensesync.sign-in.window",
            "PT3S",
            "licensesync.session.idle-timeout",
            "PT15S"));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;

  @BeforeEach
  void theThrottleWindowHasPassedAndTheAdminHasAToken() throws InterruptedException {
    Thread.sleep(WINDOW_MILLIS + 300);
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  // ---- throttling on the REST API

  @Test
  void repeatedWrongPasswordsForOneLoginAre429FromAnyAddress() throws InterruptedException {
    String throttled = "licensesync_sign_ins_throttled_total";
    double before = Metrics.sampleOrZero(admin.get("metrics").body(), throttled);
    String login = Deployments.uniqueLogin("guessed");
    String first = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertEquals(401, createToken(first, login, "guess-" + i).status());
    }
    Raw refused = createToken(first, login, "guess-more");
    assertTooManyAttempts(refused);

    String elsewhere = nextAddress();
    assertTooManyAttempts(createToken(elsewhere, login, "guess-elsewhere"));
    String metrics = admin.get("metrics").body();
    assertEquals(before + 2, Metrics.sample(metrics, throttled), "both refusals counted");
    assertEquals(
        401,
        createToken(elsewhere, Deployments.uniqueLogin("other"), "x").status(),
        "another login from there is still checked");

    Thread.sleep(WINDOW_MILLIS + 300);
    assertEquals(
        401,
        createToken(first, login, "after-the-window").status(),
        "checked again once the window has passed");
  }

  @Test
  void repeatedFailuresFromOneAddressAre429EvenForTheRightPassword() {
    String address = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertEquals(
          401, createToken(address, Deployments.uniqueLogin("spray"), "Winter2026!").status());
    }
    assertTooManyAttempts(createToken(address, ADMIN, ADMIN_PASSWORD));
    assertEquals(
        201,
        createToken(nextAddress(), ADMIN, ADMIN_PASSWORD).status(),
        "the login itself is not blocked");
  }

  @Test
  void badTokensFromOneAddressAre429ThenEvenAGoodOne() {
    String address = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertEquals(
          401,
          raw(address, "GET", "api/v3/user", Map.of("Authorization", "token lsp_guess" + i), null)
              .status());
    }
    String good =
        admin.post("api/v3/user/tokens", "{\"note\":\"good\"}").json().get("token").asText();
    assertTooManyAttempts(
        raw(address, "GET", "api/v3/user", Map.of("Authorization", "token " + good), null));
    assertTooManyAttempts(
        raw(
            address,
            "POST",
            "api/v3/user/tokens",
            Map.of("Authorization", "Bearer " + good),
            "{\"note\":\"n\"}"));
    assertEquals(
        200,
        raw(nextAddress(), "GET", "api/v3/user", Map.of("Authorization", "token " + good), null)
            .status());
  }

  @Test
  void badCloudCredentialsFromOneAddressAre429ThenEvenTheOperator() {
    String slug = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = createEnterprise(slug);
    String address = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      String wrong = i % 2 == 0 ? "lsc_guess" + i : "lsi_guess" + i;
      assertEquals(
          401,
          raw(
                  address,
                  "GET",
                  "cloud/api/enterprises/" + slug,
                  Map.of("Authorization", "token " + wrong),
                  null)
              .status());
    }
    assertTooManyAttempts(
        raw(
            address,
            "GET",
            "cloud/api/enterprises/" + slug,
            Map.of("Authorization", "token " + ownerToken),
            null));
    assertTooManyAttempts(
        raw(
            address,
            "POST",
            "cloud/api/enterprises/" + slug + "/owners/owner/tokens",
            Map.of("Authorization", "token " + ownerToken),
            "{\"note\":\"n\"}"));
    assertEquals(
        200,
        raw(
                nextAddress(),
                "GET",
                "cloud/api/enterprises/" + slug,
                Map.of("Authorization", "token " + ownerToken),
                null)
            .status());
  }

  // ---- throttling on the sign-in pages

  @Test
  void theServerSignInPageAnswers429WithAMessageAfterRepeatedFailures() {
    String address = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      Raw failed =
          postForm(
              address,
              "server/sign-in.xhtml",
              "signIn",
              Map.of("signIn:login", ADMIN, "signIn:password", "nope-" + i));
      assertEquals(200, failed.status(), failed.toString());
      assertTrue(failed.body().contains("Incorrect login or password."), failed.body());
    }
    Raw refused =
        postForm(
            address,
            "server/sign-in.xhtml",
            "signIn",
            Map.of("signIn:login", ADMIN, "signIn:password", ADMIN_PASSWORD));
    assertEquals(429, refused.status(), refused.toString());
    assertRetryAfter(refused);
    assertTrue(
        refused.body().contains("Too many failed sign-in attempts. Try again later."),
        refused.body());
    assertFalse(refused.header("Location").isPresent(), "not signed in");
  }

  @Test
  void theCloudSignInPageAnswers429WithAMessageAfterRepeatedFailures() {
    String slug = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = createEnterprise(slug);
    String address = nextAddress();
    for (int i = 0; i < MAX_FAILURES; i++) {
      Raw failed =
          postForm(
              address,
              "cloud/sign-in.xhtml",
              "cloudSignIn",
              Map.of("cloudSignIn:enterprise", slug, "cloudSignIn:token", "lsc_guess" + i));
      assertEquals(200, failed.status(), failed.toString());
      assertTrue(
          failed.body().contains("This token does not belong to an owner of that enterprise."),
          failed.body());
    }
    Raw refused =
        postForm(
            address,
            "cloud/sign-in.xhtml",
            "cloudSignIn",
            Map.of("cloudSignIn:enterprise", slug, "cloudSignIn:token", ownerToken));
    assertEquals(429, refused.status(), refused.toString());
    assertRetryAfter(refused);
    assertTrue(
        refused.body().contains("Too many failed sign-in attempts. Try again later."),
        refused.body());

    Raw signedIn =
        postForm(
            nextAddress(),
            "cloud/sign-in.xhtml",
            "cloudSignIn",
            Map.of("cloudSignIn:enterprise", slug, "cloudSignIn:token", ownerToken));
    assertEquals(429, signedIn.status(), "the enterprise is throttled from any address too");
  }

  // ---- audit and timing

  @Test
  void aFailedSignInIsAuditedWithTheLoginButNeverThePasswordOrAnEmail() {
    String password = "audit-guess-" + UUID.randomUUID();
    String email = "someone-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
    String address = nextAddress();
    assertEquals(401, createToken(address, ADMIN, password).status());
    assertEquals(401, createToken(address, email, password).status());
    Raw page =
        postForm(
            address,
            "server/sign-in.xhtml",
            "signIn",
            Map.of("signIn:login", ADMIN, "signIn:password", password));
    assertEquals(200, page.status());

    Reply events = admin.get("api/v3/admin/audit-events?per_page=20");
    assertEquals(200, events.status(), events.toString());
    List<String> failures = new ArrayList<>();
    for (JsonNode event : events.json()) {
      if (event.get("action").asText().equals("sign_in.failed")
          && event.path("details").asText().contains(address)) {
        failures.add(event.get("details").asText());
      }
    }
    assertEquals(3, failures.size(), events.body());
    assertTrue(
        failures.stream().anyMatch(d -> d.contains("'" + ADMIN + "'") && d.contains("REST API")),
        failures.toString());
    assertTrue(
        failures.stream()
            .anyMatch(d -> d.contains("'" + ADMIN + "'") && d.contains("sign-in page")),
        failures.toString());
    assertFalse(events.body().contains(password), "never the password");
    assertFalse(events.body().contains(email), "never an email");
  }

  @Test
  void anUnknownLoginTakesAsLongToRefuseAsAKnownOneToCheck() {
    int tries = 7;
    List<Long> unknown = new ArrayList<>();
    List<Long> known = new ArrayList<>();
    List<Long> knownWithoutPassword = new ArrayList<>();
    String passwordless = Deployments.uniqueLogin("nopassword");
    assertEquals(
        201, admin.post("api/v3/admin/users", "{\"login\":\"" + passwordless + "\"}").status());
    createToken(nextAddress(), ADMIN, ADMIN_PASSWORD); // warm up
    for (int i = 0; i < tries; i++) {
      long start = System.nanoTime();
      assertEquals(
          401, createToken(nextAddress(), Deployments.uniqueLogin("unknown"), "whatever").status());
      unknown.add(System.nanoTime() - start);

      start = System.nanoTime();
      assertEquals(201, createToken(nextAddress(), ADMIN, ADMIN_PASSWORD).status());
      known.add(System.nanoTime() - start);

      if (i < MAX_FAILURES - 1) {
        start = System.nanoTime();
        assertEquals(401, createToken(nextAddress(), passwordless, "whatever").status());
        knownWithoutPassword.add(System.nanoTime() - start);
      }
    }
    double unknownMs = median(unknown) / 1e6;
    double knownMs = median(known) / 1e6;
    double passwordlessMs = median(knownWithoutPassword) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "sign-in timing (median of %d): unknown login %.1f ms, known login %.1f ms, login without password %.1f ms%n",
        tries,
        unknownMs,
        knownMs,
        passwordlessMs);
    assertTrue(
        unknownMs >= 0.5 * knownMs, "unknown " + unknownMs + " ms vs known " + knownMs + " ms");
    assertTrue(
        passwordlessMs >= 0.5 * knownMs,
        "without password " + passwordlessMs + " ms vs known " + knownMs + " ms");
  }

  // ---- token lineage and impersonation

  @Test
  void revokingATokenRevokesTheTokensMadeWithItAndTheirs() {
    Reply parent =
        anonymous
            .withAuthorization(Api.basic(ADMIN, ADMIN_PASSWORD))
            .post("api/v3/user/tokens", "{\"note\":\"parent\"}");
    Api withParent = anonymous.withToken(parent.json().get("token").asText());
    Api child =
        anonymous.withToken(
            withParent
                .post("api/v3/user/tokens", "{\"note\":\"child\"}")
                .json()
                .get("token")
                .asText());
    Api grandchild =
        anonymous.withToken(
            child
                .post("api/v3/user/tokens", "{\"note\":\"grandchild\"}")
                .json()
                .get("token")
                .asText());
    String user = createUser();
    Api impersonation =
        anonymous.withToken(
            withParent
                .post("api/v3/admin/users/" + user + "/authorizations", "{}")
                .json()
                .get("token")
                .asText());
    assertEquals(200, grandchild.get("api/v3/user").status());
    assertEquals(user, impersonation.get("api/v3/user").json().get("login").asText());

    assertEquals(
        204, admin.delete("api/v3/user/tokens/" + parent.json().get("id").asLong()).status());
    assertEquals(401, child.get("api/v3/user").status(), "made with the revoked token");
    assertEquals(401, grandchild.get("api/v3/user").status(), "made with a token made with it");
    assertEquals(401, impersonation.get("api/v3/user").status(), "the impersonation token it made");
    assertEquals(200, admin.get("api/v3/user").status(), "other tokens live on");
  }

  @Test
  void removingAnImpersonationRevokesTheTokensMadeWithIt() {
    String user = createUser();
    Api impersonation =
        anonymous.withToken(
            admin
                .post("api/v3/admin/users/" + user + "/authorizations", "{}")
                .json()
                .get("token")
                .asText());
    Reply made =
        impersonation.post("api/v3/user/tokens", "{\"note\":\"made while impersonating\"}");
    assertEquals(201, made.status(), made.toString());
    Api madeWithIt = anonymous.withToken(made.json().get("token").asText());
    assertEquals(user, madeWithIt.get("api/v3/user").json().get("login").asText());

    assertEquals(204, admin.delete("api/v3/admin/users/" + user + "/authorizations").status());
    assertEquals(401, impersonation.get("api/v3/user").status());
    assertEquals(401, madeWithIt.get("api/v3/user").status(), "dies with the impersonation token");
  }

  @Test
  void impersonatingAPersonIsNotTheirActivity() {
    String user = createUser();
    JsonNode before = admin.get("api/v3/users/" + user).json();
    assertFalse(before.get("consumes_license").asBoolean(), "never signed in");
    Api impersonation =
        anonymous.withToken(
            admin
                .post("api/v3/admin/users/" + user + "/authorizations", "{}")
                .json()
                .get("token")
                .asText());
    assertEquals(200, impersonation.get("api/v3/user").status());
    Api madeWithIt =
        anonymous.withToken(
            impersonation
                .post("api/v3/user/tokens", "{\"note\":\"n\"}")
                .json()
                .get("token")
                .asText());
    assertEquals(200, madeWithIt.get("api/v3/user").status());

    JsonNode after = admin.get("api/v3/users/" + user).json();
    assertFalse(after.get("consumes_license").asBoolean(), after.toString());
    assertFalse(after.hasNonNull("last_active_at"), after.toString());
  }

  // ---- page sessions

  @Test
  void signingOutOfOneRoleKeepsTheOtherSignedIn() {
    String slug = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = createEnterprise(slug);
    browser.open(base);
    signInToServer();
    signInToCloud(slug, ownerToken);

    browser.click("signOutButton");
    browser.waitUntil(20, text -> text.contains("Owners of an enterprise sign in"));
    browser.go("server/people.xhtml");
    browser.waitUntil(20, text -> text.contains("People"));
    assertTrue(
        browser.driver().getCurrentUrl().contains("/server/people.xhtml"),
        "still signed in to the Server");

    signInToCloud(slug, ownerToken);
    browser.go("server/license.xhtml");
    browser.click("signOutButton");
    browser.waitUntil(
        20, text -> text.contains("Site administrators of this Server sign in here."));
    browser.go("cloud/members.xhtml");
    browser.waitUntil(20, text -> text.contains("Members"));
    assertTrue(
        browser.driver().getCurrentUrl().contains("/cloud/members.xhtml"),
        "still signed in to the Cloud");
    browser.go("server/license.xhtml");
    browser.waitUntil(
        20, text -> text.contains("Site administrators of this Server sign in here."));
    assertFalse(browser.text().contains("Your session expired"), "signing out is not an expiry");
  }

  @Test
  void anIdleSignInExpiresAndTheSignInPageSaysSoThenReturnsToThePageAskedFor()
      throws InterruptedException {
    String slug = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = createEnterprise(slug);
    browser.open(base);
    signInToServer();
    signInToCloud(slug, ownerToken);
    Thread.sleep(IDLE_MILLIS + 1_000);
    browser.go("server/people.xhtml");
    browser.waitUntil(20, text -> text.contains("Your session expired, sign in again."));
    assertTrue(
        browser.driver().getCurrentUrl().contains("/server/sign-in.xhtml"),
        browser.driver().getCurrentUrl());
    browser.go("cloud/members.xhtml");
    browser.waitUntil(20, text -> text.contains("Your session expired, sign in again."));
    assertTrue(
        browser.driver().getCurrentUrl().contains("/cloud/sign-in.xhtml"),
        browser.driver().getCurrentUrl());
    browser.go("server/sign-in.xhtml");
    assertFalse(browser.text().contains("Your session expired"), "said once");

    browser
        .go("server/sign-in.xhtml?return=/server/people.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/server/people.xhtml"));
    assertFalse(browser.text().contains("Your session expired"));

    browser.close();
    browser.open(base);
    browser
        .go("server/sign-in.xhtml?return=//evil.example/server/")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/server/license.xhtml"));
  }

  @Test
  void theCloudSignInReturnsToThePageAskedForOnlyWithinTheCloudPages() {
    String slug = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    String ownerToken = createEnterprise(slug);
    browser.open(base);
    browser
        .go("cloud/sign-in.xhtml?return=/cloud/members.xhtml")
        .type("enterprise", slug)
        .type("token", ownerToken)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/cloud/members.xhtml"));

    browser.close();
    browser.open(base);
    browser
        .go("cloud/sign-in.xhtml?return=/server/people.xhtml")
        .type("enterprise", slug)
        .type("token", ownerToken)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/cloud/licensing.xhtml"));
  }

  // ---- helpers

  private void signInToServer() {
    browser
        .go("server/sign-in.xhtml")
        .type("login", ADMIN)
        .type("password", ADMIN_PASSWORD)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/server/license.xhtml"));
  }

  private void signInToCloud(String enterprise, String token) {
    browser
        .go("cloud/sign-in.xhtml")
        .type("enterprise", enterprise)
        .type("token", token)
        .click("submit");
    browser.waitUntil(
        20, text -> browser.driver().getCurrentUrl().contains("/cloud/licensing.xhtml"));
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

  private String createUser() {
    String login = Deployments.uniqueLogin("person");
    Reply created =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + login + "\",\"email\":\"" + login + "@signin.example\"}");
    assertEquals(201, created.status(), created.toString());
    return login;
  }

  private Raw createToken(String from, String login, String password) {
    return raw(
        from,
        "POST",
        "api/v3/user/tokens",
        Map.of("Authorization", Api.basic(login, password)),
        "{\"note\":\"sign-in test\"}");
  }

  private static void assertTooManyAttempts(Raw reply) {
    assertEquals(429, reply.status(), reply.toString());
    assertRetryAfter(reply);
    JsonNode body;
    try {
      body = Api.JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + reply, e);
    }
    assertEquals(
        "Too many failed sign-in attempts. Try again later.", body.get("message").asText());
    assertTrue(Contracts.isDocumentationUrl(body.get("documentation_url").asText()), reply.body());
  }

  private static void assertRetryAfter(Raw reply) {
    long seconds =
        Long.parseLong(
            reply
                .header("Retry-After")
                .orElseThrow(() -> new AssertionError("no Retry-After: " + reply)));
    assertTrue(seconds >= 1 && seconds <= WINDOW_MILLIS / 1000, "Retry-After " + seconds);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * A loopback address no other test uses, so the address throttle of one test never blocks
   * another.
   */
  private static String nextAddress() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "127.0." + (n / 250) + "." + (2 + n % 250);
  }

  /**
   * Posts a JSF form as a browser would (its page first, for the session and view state), from
   * {@code from}.
   */
  private Raw postForm(String from, String page, String form, Map<String, String> fields) {
    Raw get = raw(from, "GET", page, Map.of(), null);
    assertEquals(200, get.status(), get.toString());
    Matcher viewState =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"")
            .matcher(get.body());
    assertTrue(viewState.find(), get.body());
    StringBuilder body = new StringBuilder(encode(form) + "=" + encode(form));
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put(form + ":submit", "Sign in");
    all.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":"));
    all.forEach(
        (name, value) -> body.append('&').append(encode(name)).append('=').append(encode(value)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Origin", base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
    get.cookies().ifPresent(cookies -> headers.put("Cookie", cookies));
    return raw(from, "POST", page, headers, body.toString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * One HTTP/1.0 exchange over a socket bound to the loopback address {@code from}: the server sees
   * that client address, which the JDK's HTTP client cannot choose.
   */
  private Raw raw(
      String from, String method, String path, Map<String, String> headers, String body) {
    String root = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + root + path + " HTTP/1.0\r\n");
    request
        .append("Host: ")
        .append(base.getHost())
        .append(':')
        .append(base.getPort())
        .append("\r\n");
    request
        .append("Accept: ")
        .append(path.endsWith(".xhtml") ? "text/html" : "application/vnd.github+json")
        .append("\r\n");
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      if (!headers.containsKey("Content-Type")) {
        request.append("Content-Type: application/json\r\n");
      }
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(60_000);
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(
          new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base.getPort()), 10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return Raw.parse(all.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw HTTP answer: status, headers (names in lower case), body. */
  record Raw(int status, Map<String, List<String>> headers, String body) {

    static Raw parse(String response) {
      int end = response.indexOf("\r\n\r\n");
      String head = end < 0 ? response : response.substring(0, end);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(
                  lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                  k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).strip());
        }
      }
      return new Raw(status, headers, end < 0 ? "" : response.substring(end + 4));
    }

    java.util.Optional<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    /** The cookies set, as a {@code Cookie} header would send them back. */
    java.util.Optional<String> cookies() {
      List<String> pairs = new ArrayList<>();
      for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
        pairs.add(cookie.split(";", 2)[0]);
      }
      return pairs.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(String.join("; ", pairs));
    }

    @Override
    public String toString() {
      return status
          + " "
          + headers
          + " "
          + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
    }
  }
}
