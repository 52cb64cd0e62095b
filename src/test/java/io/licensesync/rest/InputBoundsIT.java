package io.licensesync.rest;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input against both roles' REST APIs and pages: numbers out of range or of thousands of
 * digits, JSON nested too deep or with a key twice, text longer than its column or with control
 * characters, in bodies, query strings, paths, CSV files and license usage uploads. Each is
 * answered 4xx with JSON that names the field and shows no exception or SQL, and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InputBoundsIT {

  static final String OPERATOR = "it-operator-" + UUID.nameUUIDFromBytes("input-bounds".getBytes());
  static final String HUGE = "9".repeat(5000);
  static final String DEEP = "[".repeat(40) + "]".repeat(40);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;
  private Api operator;
  private String slug;
  private Api owner;

  @BeforeEach
  void adminAndAFreshEnterprise() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    operator = anonymous.withToken(OPERATOR);
    slug = "bounds-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\""
                + slug
                + "\",\"name\":\"Bounds\",\"seats_purchased\":10,\"verified_domains\":[\"bounds.example\"],"
                + "\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@bounds.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    owner = anonymous.withToken(created.json().get("owner_token").asText());
  }

  // ---- what every refusal looks like ----

  /**
   * The status, a JSON error body naming {@code field} (in {@code errors} or the message), and no
   * internals.
   */
  private static JsonNode assertRefused(Reply reply, int status, String field) {
    assertEquals(status, reply.status(), reply.toString());
    assertTrue(
        reply.header("Content-Type").orElse("").startsWith("application/json"), reply.toString());
    assertNoInternals(reply.body());
    JsonNode body = reply.json();
    assertTrue(body.hasNonNull("message"), reply.toString());
    assertTrue(body.hasNonNull("documentation_url"), reply.toString());
    if (field != null) {
      boolean named = body.get("message").asText().contains(field);
      if (body.has("errors")) {
        for (JsonNode error : body.get("errors")) {
          named |=
              field.equals(error.path("field").asText())
                  || error.path("message").asText().contains(field);
        }
      }
      assertTrue(named, "names " + field + ": " + reply);
    }
    return body;
  }

  private static void assertNoInternals(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    for (String internal :
        List.of(
            "exception",
            "sql",
            "org.h2",
            "postgres",
            "hibernate",
            "constraint",
            "jdbc",
            "stacktrace",
            "\tat ")) {
      assertFalse(lower.contains(internal), "shows " + internal + ": " + body);
    }
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private long serverAccounts() {
    return admin.get("api/v3/enterprise/stats/users").json().findValue("total_users").asLong();
  }

  private int size(Api as, String path) {
    Reply reply = as.get(path);
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().size();
  }

  private String enterprise(String rest) {
    return "cloud/api/enterprises/" + slug + rest;
  }

  // ---- numbers in query strings and paths ----

  @Test
  void pagingParametersOutOfRangeOrOfThousandsOfDigitsAreRefusedNamingThem() {
    for (String bad : List.of("0", "-1", "abc", "1e3", "1.5", HUGE)) {
      assertRefused(admin.get("api/v3/users?per_page=" + bad), 422, "per_page");
      assertRefused(admin.get("api/v3/admin/license-sync/runs?page=" + bad), 422, "page");
      assertRefused(admin.get("api/v3/admin/audit-events?per_page=" + bad), 422, "per_page");
      assertRefused(owner.get(enterprise("/consumed-licenses?page=" + bad)), 422, "page");
    }
    for (String bad : List.of("-1", "9223372036854775808", HUGE, "%00")) {
      assertRefused(admin.get("api/v3/users?since=" + bad), 422, "since");
    }
    assertRefused(admin.get("api/v3/admin/audit-events?page=2147483647"), 422, "page");
    assertRefused(owner.get(enterprise("/consumed-licenses?page=99999999999")), 422, "page");
  }

  @Test
  void theLargestAcceptedPagesAnswerEmptyPagesNotErrors() {
    Reply far =
        owner.get(
            enterprise("/consumed-licenses?page=" + QueryParameters.MAX_PAGE + "&per_page=100"));
    assertEquals(200, far.status(), far.toString());
    assertEquals(0, far.json().get("users").size());
    Reply runs =
        admin.get(
            "api/v3/admin/license-sync/runs?page="
                + QueryParameters.MAX_PAGE
                + "&per_page="
                + Long.MAX_VALUE);
    assertEquals(200, runs.status(), runs.toString());
    assertEquals(
        200, admin.get("api/v3/users?since=" + Long.MAX_VALUE + "&per_page=1000").status());
  }

  @Test
  void idsInPathsOutOfRangeAreRefusedNamingThem() {
    int tokens = size(admin, "api/v3/user/tokens");
    for (String bad : List.of("0", "-5", "abc", HUGE, "9223372036854775808")) {
      assertRefused(admin.get("api/v3/admin/license-sync/runs/" + bad), 422, "id");
      assertRefused(admin.delete("api/v3/user/tokens/" + bad), 422, "id");
    }
    assertRefused(admin.get("api/v3/admin/license-sync/runs/" + Long.MAX_VALUE), 404, null);
    assertEquals(tokens, size(admin, "api/v3/user/tokens"), "no token revoked");
  }

  @Test
  void pathTextThatCannotBeALoginSlugOrServerIdIsRefusedOrNotFound() {
    for (String control : List.of("%00", "a%00b", "a%0Ab", "%1B%5B31m", "a%7F")) {
      // the HTTP layer or the request path guard refuses these (400) before a resource runs
      for (Reply reply :
          List.of(
              admin.get("api/v3/users/" + control),
              admin.delete("api/v3/admin/users/" + control),
              operator.get("cloud/api/enterprises/" + control),
              owner.get(enterprise("/server-instances/" + control)))) {
        assertTrue(reply.status() == 400 || reply.status() == 404, control + ": " + reply);
        assertNoInternals(reply.body());
      }
    }
    for (String bad : List.of("x".repeat(5000), "%C2%85", "a%E2%80%A8b")) {
      assertRefused(admin.get("api/v3/users/" + bad), 404, null);
      assertRefused(admin.delete("api/v3/admin/users/" + bad), 404, null);
      assertRefused(admin.put("api/v3/users/" + bad + "/suspended", "{}"), 404, null);
      assertRefused(operator.get("cloud/api/enterprises/" + bad), 404, null);
      assertRefused(owner.get(enterprise("/server-instances/" + bad)), 404, null);
      assertRefused(owner.delete(enterprise("/members/" + bad)), 404, null);
    }
  }

  // ---- JSON structure ----

  @Test
  void aKeyTwiceInABodyIsProblemsParsingJsonAndChangesNothing() {
    long accounts = serverAccounts();
    String login = Deployments.uniqueLogin("dup");
    JsonNode body =
        assertRefused(
            admin.post(
                "api/v3/admin/users",
                "{\"login\":\"" + login + "\",\"login\":\"other-" + login + "\"}"),
            400,
            "login");
    assertEquals(
        "Problems parsing JSON: the key \"login\" appears twice", body.get("message").asText());
    assertEquals(404, admin.get("api/v3/users/" + login).status());
    assertEquals(accounts, serverAccounts());

    int enterprises = size(operator, "cloud/api/enterprises");
    String other = slug + "-dup";
    assertRefused(
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\""
                + other
                + "\",\"seats_purchased\":1,\"seats_purchased\":1000,\"owner\":{\"login\":\"a\",\"emails\":[]}}"),
        400,
        "seats_purchased");
    assertRefused(
        owner.post(
            enterprise("/members"),
            "[{\"login\":\"dup-member\",\"enterprise_role\":\"member\",\"emails\":[{\"email\":\"a@b.example\",\"email\":\"c@d.example\"}]}]"),
        400,
        "email");
    assertEquals(enterprises, size(operator, "cloud/api/enterprises"));
    assertEquals(1, size(owner, enterprise("/members")));
  }

  @Test
  void nestingDeeperThanTheLimitIsProblemsParsingJson() {
    long accounts = serverAccounts();
    String login = Deployments.uniqueLogin("deep");
    JsonNode body =
        assertRefused(
            admin.post(
                "api/v3/admin/users", "{\"login\":\"" + login + "\",\"extra\":" + DEEP + "}"),
            400,
            null);
    assertEquals(
        "Problems parsing JSON: nested deeper than 32 levels", body.get("message").asText());
    assertRefused(admin.post("api/v3/admin/users", "[".repeat(100_000)), 400, null);
    assertRefused(owner.post(enterprise("/members"), DEEP), 400, null);
    assertRefused(admin.put("api/v3/admin/license-sync", "{\"setting\":" + DEEP + "}"), 400, null);
    assertEquals(accounts, serverAccounts());
    assertEquals(1, size(owner, enterprise("/members")));
  }

  @Test
  void numbersOfThousandsOfDigitsOrHugeExponentsAreRefusedQuicklyNamingTheField() {
    for (String huge :
        List.of(HUGE, "1e999999999", "-1e999999999", "1e-999999999", "12345678901234567890")) {
      long started = System.nanoTime();
      assertRefused(
          operator.patch("cloud/api/enterprises/" + slug, "{\"seats_purchased\":" + huge + "}"),
          422,
          "seats_purchased");
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5,
          "answered at once: " + huge);
      assertRefused(
          operator.post(
              "cloud/api/enterprises",
              "{\"slug\":\""
                  + slug
                  + "-n\",\"seats_purchased\":"
                  + huge
                  + ",\"owner\":{\"login\":\"a\"}}"),
          422,
          "seats_purchased");
    }
    assertRefused(
        owner.post(enterprise("/members"), "[{\"login\":\"num\",\"two_factor\":" + HUGE + "}]"),
        422,
        "two_factor");
    assertEquals(
        10,
        operator.get("cloud/api/enterprises/" + slug).json().get("seats_purchased").asInt(),
        "seats unchanged");
    assertEquals(404, operator.get("cloud/api/enterprises/" + slug + "-n").status());
  }

  // ---- text longer than its column, control characters ----

  @Test
  void serverAccountFieldsLongerThanTheirColumnsAreRefusedNamingThem() {
    long accounts = serverAccounts();
    assertRefused(
        admin.post("api/v3/admin/users", "{\"login\":" + json("l".repeat(65)) + "}"), 422, "login");
    assertRefused(
        admin.post("api/v3/admin/users", "{\"login\":" + json("l".repeat(100_000)) + "}"),
        422,
        "login");
    String login = Deployments.uniqueLogin("long");
    assertRefused(
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + login + "\",\"email\":" + json("e".repeat(320) + "@x.example") + "}"),
        422,
        "email");
    assertEquals(accounts, serverAccounts());

    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + login + "\"}").status());
    assertRefused(
        admin.patch("api/v3/admin/users/" + login, "{\"login\":" + json("r".repeat(65)) + "}"),
        422,
        "login");
    JsonNode reason =
        assertRefused(
            admin.put(
                "api/v3/users/" + login + "/suspended",
                "{\"reason\":" + json("r".repeat(501)) + "}"),
            422,
            "reason");
    assertEquals(
        "reason is longer than 500 characters",
        reason.get("errors").get(0).get("message").asText());
    assertFalse(
        admin.get("api/v3/users/" + login).json().path("suspended_at").isTextual(),
        "not suspended");
    int tokens = size(admin, "api/v3/user/tokens");
    assertRefused(
        admin.post("api/v3/user/tokens", "{\"note\":" + json("n".repeat(201)) + "}"), 422, "note");
    assertEquals(tokens, size(admin, "api/v3/user/tokens"));
  }

  @Test
  void controlCharactersInServerFieldsAreRefusedNamingThem() {
    long accounts = serverAccounts();
    for (String control :
        List.of("\\u0000", "\\n", "\\r", "\\t", "\\u001b", "\\u007f", "\\u0085")) {
      String login = Deployments.uniqueLogin("ctl");
      assertRefused(
          admin.post("api/v3/admin/users", "{\"login\":\"" + login + control + "\"}"),
          422,
          "login");
      assertRefused(
          admin.post(
              "api/v3/admin/users",
              "{\"login\":\"" + login + "\",\"email\":\"a" + control + "b@x.example\"}"),
          422,
          "email");
    }
    assertEquals(accounts, serverAccounts());
    String login = Deployments.uniqueLogin("ctl");
    assertEquals(201, admin.post("api/v3/admin/users", "{\"login\":\"" + login + "\"}").status());
    assertRefused(
        admin.put("api/v3/users/" + login + "/suspended", "{\"reason\":\"spam\\u0000\"}"),
        422,
        "reason");
    assertRefused(
        admin.put(
            "api/v3/users/" + login + "/suspended", "{\"reason\":\"line\\nforged log line\"}"),
        422,
        "reason");
    assertFalse(
        admin.get("api/v3/users/" + login).json().path("suspended_at").isTextual(),
        "not suspended");
    int tokens = size(admin, "api/v3/user/tokens");
    assertRefused(admin.post("api/v3/user/tokens", "{\"note\":\"a\\u0000b\"}"), 422, "note");
    assertEquals(tokens, size(admin, "api/v3/user/tokens"));
  }

  @Test
  void connectAndLicenseSyncFieldsAreBoundedBeforeTheCloudIsAsked() {
    admin.delete("api/v3/admin/github-connect?force=true");
    java.time.Instant start = java.time.Instant.now().minusMillis(5);
    assertRefused(
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":"
                + json("https://cloud.example/" + "u".repeat(500))
                + ",\"enterprise\":\""
                + slug
                + "\",\"token\":\"t\"}"),
        422,
        "cloud_url");
    assertRefused(
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + base
                + "\",\"enterprise\":"
                + json("e".repeat(101))
                + ",\"token\":\"t\"}"),
        422,
        "enterprise");
    assertRefused(
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + base
                + "\",\"enterprise\":\""
                + slug
                + "\\u0000\",\"token\":\"t\"}"),
        422,
        "enterprise");
    assertRefused(
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + base
                + "\",\"enterprise\":\""
                + slug
                + "\",\"token\":\"lsc_x\\r\\nX-Injected: 1\"}"),
        422,
        "token");
    assertRefused(
        admin.put(
            "api/v3/admin/license-sync",
            "{\"setting\":\"Enabled\",\"cloud_token\":\"lsc_\\u0000\"}"),
        422,
        "cloud_token");
    assertRefused(
        admin.put(
            "api/v3/admin/license-sync/export/cloud-key",
            "{\"enterprise\":\"" + slug + "\",\"key\":" + json("k".repeat(5000)) + "}"),
        422,
        "key");
    assertEquals(404, admin.get("api/v3/admin/github-connect").status(), "not connected");
    // refused attempts are on the trail (as refusals, with the 422), and nothing else is
    com.fasterxml.jackson.databind.JsonNode events =
        admin.get("api/v3/admin/audit-events?per_page=100&after=" + start).json();
    for (int i = 0; i < events.size(); i++) {
      assertTrue(
          events.get(i).get("details").asText().startsWith("422 "),
          "only refusals were audited: " + events.get(i));
    }
  }

  @Test
  void cloudEnterpriseFieldsLongerThanTheirColumnsOrWithControlCharactersAreRefused() {
    JsonNode before = operator.get("cloud/api/enterprises/" + slug).json();
    assertRefused(
        operator.patch("cloud/api/enterprises/" + slug, "{\"name\":" + json("n".repeat(201)) + "}"),
        422,
        "name");
    assertRefused(
        operator.patch("cloud/api/enterprises/" + slug, "{\"name\":\"Bad\\u0000Name\"}"),
        422,
        "name");
    StringBuilder domains = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      domains
          .append(i == 0 ? "" : ",")
          .append("\"d")
          .append(i)
          .append("-")
          .append("x".repeat(20))
          .append(".example\"");
    }
    assertRefused(
        operator.patch("cloud/api/enterprises/" + slug, "{\"verified_domains\":" + domains + "]}"),
        422,
        "verified_domains");
    assertRefused(
        operator.patch(
            "cloud/api/enterprises/" + slug, "{\"verified_domains\":[\"a\\u0000.example\"]}"),
        422,
        "verified_domains");
    assertEquals(
        before, operator.get("cloud/api/enterprises/" + slug).json(), "enterprise unchanged");

    int enterprises = size(operator, "cloud/api/enterprises");
    assertRefused(
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":" + json("s".repeat(5000)) + ",\"owner\":{\"login\":\"a\"}}"),
        422,
        "slug");
    assertRefused(
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\""
                + slug
                + "-x\",\"seats_purchased\":1,\"owner\":{\"login\":\"a\\u0000\"}}"),
        422,
        "login");
    assertEquals(enterprises, size(operator, "cloud/api/enterprises"));
    assertRefused(
        owner.post(enterprise("/owners/boss/tokens"), "{\"note\":" + json("n".repeat(201)) + "}"),
        422,
        "note");
    assertRefused(
        owner.post(enterprise("/owners/boss/tokens"), "{\"note\":\"a\\nb\"}"), 422, "note");
  }

  @Test
  void membersWithOverlongOrControlCharacterFieldsAreRefusedAllOrNothing() {
    String good = "{\"login\":\"fine-member\",\"enterprise_role\":\"member\"}";
    List<String> bad =
        List.of(
            "{\"login\":\"m1\",\"name\":" + json("n".repeat(201)) + "}",
            "{\"login\":\"m2\",\"name\":\"a\\u0000b\"}",
            "{\"login\":\"m3\\u0000\"}",
            "{\"login\":\"m4\",\"emails\":[{\"email\":\"a\\u0000@bounds.example\",\"verified\":true}]}",
            "{\"login\":\"m5\",\"saml_name_id\":" + json("s".repeat(321)) + "}",
            "{\"login\":\"m6\",\"org_roles\":["
                + String.join(
                    ",",
                    java.util.Collections.nCopies(
                        200, "\"org-with-a-long-name-" + "o".repeat(10) + ":Member\""))
                + "]}");
    for (String member : bad) {
      JsonNode body =
          assertRefused(
              owner.post(enterprise("/members"), "[" + good + "," + member + "]"), 422, "[1]");
      assertNoInternals(body.toString());
    }
    String manyEmails =
        java.util.stream.IntStream.range(0, 15)
            .mapToObj(
                i -> "{\"email\":\"" + i + "e".repeat(300) + "@bounds.example\",\"verified\":true}")
            .collect(Collectors.joining(","));
    JsonNode tooMany =
        assertRefused(
            owner.post(
                enterprise("/members"),
                "[{\"login\":\"m7\",\"enterprise_role\":\"member\",\"emails\":["
                    + manyEmails
                    + "]}]"),
            422,
            "[0]");
    assertEquals(
        "emails are longer than 4000 characters together",
        tooMany.get("errors").get(0).get("message").asText());
    String csv =
        "login,name,emails,unverified_emails,saml_name_id,enterprise_role,org_roles,pending_invites,private_repo_access,two_factor\n"
            + "csv-ok,OK,,,,member,,,false,false\n"
            + "csv-bad,\"bad\u0000name\",,,,member,,,false,false\n"
            + "csv-long,"
            + "n".repeat(300)
            + ",,,,member,,,false,false\n";
    JsonNode body =
        assertRefused(owner.send("POST", enterprise("/members"), "text/csv", csv), 422, "line 3");
    assertTrue(body.toString().contains("line 4"), body.toString());
    assertEquals(1, size(owner, enterprise("/members")), "no member provisioned");
  }

  @Test
  void serverInstanceFieldsLongerThanTheirColumnsAreRefused() {
    assertRefused(
        owner.post(
            enterprise("/server-instances"),
            "{\"server_id\":"
                + json("s".repeat(65))
                + ",\"hostname\":\"h.example\",\"version\":\"3.17.0\"}"),
        422,
        "server_id");
    assertRefused(
        owner.post(
            enterprise("/server-instances"),
            "{\"server_id\":\"s1\",\"hostname\":"
                + json("h".repeat(256))
                + ",\"version\":\"3.17.0\"}"),
        422,
        "hostname");
    assertRefused(
        owner.post(
            enterprise("/server-instances"),
            "{\"server_id\":\"s1\",\"hostname\":\"h\\u0000.example\",\"version\":\"3.17.0\"}"),
        422,
        "hostname");
    assertRefused(
        owner.post(
            enterprise("/server-instances"),
            "{\"server_id\":\"s1\",\"hostname\":\"h.example\",\"version\":"
                + json("v".repeat(65))
                + "}"),
        422,
        "version");
    assertEquals(0, size(owner, enterprise("/server-instances")));
  }

  // ---- license usage uploads ----

  private String connect(String serverId) {
    Reply reply =
        owner.post(
            enterprise("/server-instances"),
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.bounds.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, reply.status(), reply.toString());
    return reply.json().get("credential").asText();
  }

  private static String usage(String uploadId, String serverId, String hostname, String accounts) {
    return "{\"format\":1,\"upload_id\":\""
        + uploadId
        + "\",\"server_id\":\""
        + serverId
        + "\",\"hostname\":"
        + hostname
        + ",\"version\":\"3.17.0\",\"generated_at\":\""
        + java.time.Instant.now()
        + "\",\"accounts\":["
        + accounts
        + "]}";
  }

  private Reply upload(String credential, String serverId, String uploadId, String document) {
    return anonymous
        .withToken(credential)
        .send(
            "PUT",
            enterprise("/server-instances/" + serverId + "/license-usage-uploads/" + uploadId),
            "application/json",
            document);
  }

  @Test
  void hostileLicenseUsageUploadsAreRefusedAndChangeNothing() {
    String serverId = UUID.randomUUID().toString();
    String credential = connect(serverId);
    String first = "up-" + UUID.randomUUID();
    Reply applied =
        upload(
            credential,
            serverId,
            first,
            usage(
                first,
                serverId,
                "\"ghe.bounds.example\"",
                "{\"id\":1,\"emails\":[{\"email\":\"one@bounds.example\",\"primary\":true}]}"));
    assertEquals(201, applied.status(), applied.toString());
    long consumed =
        owner.get(enterprise("/consumed-licenses")).json().get("total_seats_consumed").asLong();

    Map<String, String> hostile = new LinkedHashMap<>();
    String ok = "{\"id\":2,\"emails\":[{\"email\":\"two@bounds.example\",\"primary\":true}]}";
    hostile.put("hostname", usage("%s", serverId, json("h".repeat(300)), ok));
    hostile.put("hostname ", usage("%s", serverId, "\"ghe\\u0000.example\"", ok));
    hostile.put("server_id", usage("%s", "s".repeat(65), "\"ghe.bounds.example\"", ok));
    hostile.put(
        "version",
        usage("%s", serverId, "\"ghe.bounds.example\"", ok)
            .replace("\"3.17.0\"", json("v".repeat(65))));
    hostile.put(
        "accounts[0].id",
        usage("%s", serverId, "\"ghe.bounds.example\"", "{\"id\":" + HUGE + ",\"emails\":[]}"));
    hostile.put(
        "accounts[0].id ",
        usage("%s", serverId, "\"ghe.bounds.example\"", "{\"id\":1e999999999,\"emails\":[]}"));
    hostile.put(
        "accounts[0].emails[0].email",
        usage(
            "%s",
            serverId,
            "\"ghe.bounds.example\"",
            "{\"id\":3,\"emails\":[{\"email\":\"a\\u0000@bounds.example\",\"primary\":true}]}"));
    hostile.put(
        "accounts[0].emails[0].email ",
        usage(
            "%s",
            serverId,
            "\"ghe.bounds.example\"",
            "{\"id\":3,\"emails\":[{\"email\":"
                + json("e".repeat(320) + "@bounds.example")
                + ",\"primary\":true}]}"));
    hostile.put(
        "appears twice",
        usage("%s", serverId, "\"ghe.bounds.example\"", "{\"id\":4,\"id\":5,\"emails\":[]}"));
    hostile.put(
        "nested deeper",
        usage("%s", serverId, "\"ghe.bounds.example\"", ok)
            .replace("\"accounts\"", "\"extra\":" + DEEP + ",\"accounts\""));
    hostile.put(
        "generated_at",
        usage("%s", serverId, "\"ghe.bounds.example\"", ok)
            .replaceFirst(
                "\"generated_at\":\"[^\"]*\"", "\"generated_at\":\"+999999999-01-01T00:00:00Z\""));
    for (Map.Entry<String, String> each : hostile.entrySet()) {
      String uploadId = "up-" + UUID.randomUUID();
      Reply reply = upload(credential, serverId, uploadId, each.getValue().replace("%s", uploadId));
      assertRefused(reply, 422, each.getKey().strip());
      JsonNode instance = owner.get(enterprise("/server-instances/" + serverId)).json();
      assertEquals("ghe.bounds.example", instance.get("hostname").asText(), each.getKey());
      assertEquals(1, instance.get("accounts").asInt(), each.getKey());
      assertEquals("failure", instance.get("last_sync_status").asText(), each.getKey());
      assertNoInternals(instance.get("last_sync_error").asText());
      assertEquals(
          consumed,
          owner.get(enterprise("/consumed-licenses")).json().get("total_seats_consumed").asLong(),
          each.getKey());
    }
  }

  @Test
  void anAddedUsageFileWithAHugeFormatNumberOrAKeyTwiceIsRefusedAtOnce() {
    for (String file :
        List.of(
            "{\"license_usage_file\":1e999999999,\"usage\":\"x\",\"encrypted\":false,\"server_id\":\"s\",\"hostname\":\"h\"}",
            "{\"license_usage_file\":" + HUGE + "}",
            "{\"license_usage_file\":1,\"license_usage_file\":1}",
            "{\"x\":" + DEEP + "}")) {
      long started = System.nanoTime();
      JsonNode body =
          assertRefused(
              owner.send("POST", enterprise("/server-usage-uploads"), "application/json", file),
              422,
              "file");
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "answered at once");
      assertTrue(
          body.get("errors")
              .get(0)
              .get("message")
              .asText()
              .startsWith("The file is JSON but not a license usage file"),
          body.toString());
    }
    assertEquals(0, size(owner, enterprise("/server-instances")), "no instance registered");
  }

  // ---- the users report ----

  @Test
  void aUsersReportWithHugeIdsOverlongOrControlCharacterFieldsChangesNothing() {
    long accounts = serverAccounts();
    String login = Deployments.uniqueLogin("csv");
    String csv =
        "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n"
            + "2024-01-09T00:00:00Z,987654321,"
            + login
            + ",,user,false,,0,0,0,false,,x,false\n"
            + "2024-01-09T00:00:00Z,"
            + HUGE
            + ","
            + login
            + "-a,,user,false,,0,0,0,false,,x,false\n"
            + "2024-01-09T00:00:00Z,987654322,"
            + "l".repeat(5000)
            + ",,user,false,,0,0,0,false,,x,false\n"
            + "2024-01-09T00:00:00Z,987654323,\""
            + login
            + "\u0000b\",,user,false,,0,0,0,false,,x,false\n"
            + "2024-01-09T00:00:00Z,987654324,"
            + login
            + "-c,\"c\u0000@x.example\",user,false,,0,0,0,false,,x,false\n"
            + "+999999999-01-01T00:00:00Z,987654325,"
            + login
            + "-d,,user,false,,0,0,0,false,,x,false\n";
    Reply reply = admin.send("POST", "api/v3/admin/users/imports", "text/csv", csv);
    assertEquals(422, reply.status(), reply.toString());
    assertNoInternals(reply.body());
    String body = reply.body();
    for (String expected :
        List.of(
            "id must be a positive number of at most 19 digits",
            "login is longer than 64 characters",
            "login must not contain control characters",
            "email is not a valid address",
            "created_at is out of range")) {
      assertTrue(body.contains(expected), expected + " in " + body);
    }
    assertFalse(body.contains("l".repeat(100)), "does not echo the overlong login");
    assertEquals(accounts, serverAccounts());
    assertEquals(404, admin.get("api/v3/users/" + login).status());
  }

  // ---- text used to search ----

  @Test
  void theFilterOfThePeoplePageMatchesWildcardsLiterallyAndRefusesControlCharacters()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String literal = Deployments.uniqueLogin("pct");
    String other = Deployments.uniqueLogin("pct");
    assertEquals(
        201,
        admin
            .post(
                "api/v3/admin/users",
                "{\"login\":\"" + literal + "\",\"email\":\"a%_" + tag + "@bounds.example\"}")
            .status());
    assertEquals(
        201,
        admin
            .post(
                "api/v3/admin/users",
                "{\"login\":\"" + other + "\",\"email\":\"ab" + tag + "@bounds.example\"}")
            .status());

    Page page = Page.signIn(base, ADMIN, ADMIN_PASSWORD);
    String found =
        page.get("server/people.xhtml?q=" + URLEncoder.encode("%_" + tag, StandardCharsets.UTF_8));
    assertTrue(found.contains(literal), found);
    assertFalse(found.contains(other), "% and _ are not wildcards");
    assertFalse(
        page.get("server/people.xhtml?q=" + URLEncoder.encode("a__" + tag, StandardCharsets.UTF_8))
            .contains(other));

    String nul = page.get("server/people.xhtml?q=a%00b");
    assertTrue(nul.contains("The filter must not contain control characters."), nul);
    String longFilter = page.get("server/people.xhtml?q=" + "x".repeat(5000));
    assertTrue(longFilter.contains("The filter is longer than 320 characters."), longFilter);
    assertFalse(longFilter.contains("x".repeat(400)), "the overlong filter is not echoed");
  }

  // ---- pages ----

  @Test
  void signInFieldsThatAreTooLongOrHoldControlCharactersShowAMessageNextToTheField()
      throws Exception {
    Page page = Page.open(base, "server/sign-in.xhtml");
    String longLogin =
        page.submit(
            "signIn",
            Map.of("signIn:login", "l".repeat(5000), "signIn:password", "x"),
            "signIn:submit");
    assertTrue(longLogin.contains("The login is longer than 64 characters."), longLogin);
    page = Page.open(base, "server/sign-in.xhtml");
    String nulLogin =
        page.submit(
            "signIn",
            Map.of("signIn:login", "admin\u0000", "signIn:password", "x"),
            "signIn:submit");
    assertTrue(nulLogin.contains("The login must not contain control characters."), nulLogin);
    page = Page.open(base, "server/sign-in.xhtml");
    String longPassword =
        page.submit(
            "signIn",
            Map.of("signIn:login", "admin", "signIn:password", "p".repeat(100_000)),
            "signIn:submit");
    assertTrue(longPassword.contains("The password is longer than 1000 characters."), longPassword);

    Page cloud = Page.open(base, "cloud/sign-in.xhtml");
    String nulEnterprise =
        cloud.submit(
            "cloudSignIn",
            Map.of("cloudSignIn:enterprise", slug + "\u0000", "cloudSignIn:token", "lsc_x"),
            "cloudSignIn:submit");
    assertTrue(
        nulEnterprise.contains("The enterprise must not contain control characters."),
        nulEnterprise);
    cloud = Page.open(base, "cloud/sign-in.xhtml");
    String longToken =
        cloud.submit(
            "cloudSignIn",
            Map.of("cloudSignIn:enterprise", slug, "cloudSignIn:token", "t".repeat(5000)),
            "cloudSignIn:submit");
    assertTrue(longToken.contains("The token is longer than 1000 characters."), longToken);
  }

  @Test
  void theConnectPageNamesAFieldThatIsTooLong() throws Exception {
    admin.delete("api/v3/admin/github-connect?force=true");
    Page page = Page.signIn(base, ADMIN, ADMIN_PASSWORD);
    page.get("server/connect.xhtml");
    String answer =
        page.submit(
            "connectForm",
            Map.of(
                "connectForm:cloudUrl",
                "https://cloud.example/" + "u".repeat(600),
                "connectForm:enterprise",
                "e\u0000",
                "connectForm:ownerToken",
                "t"),
            "connectForm:connect");
    assertTrue(answer.contains("The cloud url is longer than 400 characters."), answer);
    assertTrue(answer.contains("The enterprise must not contain control characters."), answer);
    assertEquals(404, admin.get("api/v3/admin/github-connect").status(), "not connected");
  }

  /**
   * A browser's view of the pages without a browser: one session (cookies), the JSF view state of
   * the last page read, and form posts with this site's {@code Origin}.
   */
  static final class Page {

    private static final Pattern VIEW_STATE =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");

    private final URI base;
    private final HttpClient http;
    private String viewState;
    private String lastPath;

    private Page(URL base) {
      this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
      this.http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }

    static Page open(URL base, String path) throws IOException, InterruptedException {
      Page page = new Page(base);
      page.get(path);
      return page;
    }

    static Page signIn(URL base, String login, String password)
        throws IOException, InterruptedException {
      Page page = open(base, "server/sign-in.xhtml");
      page.submit(
          "signIn", Map.of("signIn:login", login, "signIn:password", password), "signIn:submit");
      return page;
    }

    String get(String path) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(base.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return read(path, response);
    }

    String submit(String form, Map<String, String> fields, String button)
        throws IOException, InterruptedException {
      Map<String, String> all = new LinkedHashMap<>(fields);
      all.put(form, form);
      all.put(button, "x");
      all.put("jakarta.faces.ViewState", viewState);
      String body =
          all.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      String origin = base.getScheme() + "://" + base.getAuthority();
      HttpRequest post =
          HttpRequest.newBuilder(base.resolve(lastPath))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Origin", origin)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      return read(lastPath, http.send(post, HttpResponse.BodyHandlers.ofString()));
    }

    private String read(String path, HttpResponse<String> response) {
      assertEquals(200, response.statusCode(), path + ": " + response.body());
      assertNoInternals(VIEW_STATE.matcher(response.body()).replaceAll(""));
      Matcher state = VIEW_STATE.matcher(response.body());
      viewState = state.find() ? state.group(1) : viewState;
      String uriPath = response.uri().getPath();
      String root = base.getPath();
      lastPath = uriPath.startsWith(root) ? uriPath.substring(root.length()) : path;
      return response.body();
    }
  }
}
