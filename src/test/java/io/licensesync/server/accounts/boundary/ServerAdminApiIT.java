package io.licensesync.server.accounts.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static io.licensesync.testing.Deployments.uniqueLogin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Contracts;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.ServerUsers;
import java.net.URL;
import java.util.List;
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
 * The Server role's GitHub-compatible admin API, driven over HTTP against the deployed WAR:
 * authentication, each admin endpoint with its happy path and its errors (which change nothing),
 * paging, and the license and stats bodies checked against the real schemas.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerAdminApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync();
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;

  @BeforeEach
  void signIn() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  private String createUser(String login, String email) {
    String body =
        email == null
            ? "{\"login\":\"" + login + "\"}"
            : "{\"login\":\"" + login + "\",\"email\":\"" + email + "\"}";
    Reply reply = admin.post("api/v3/admin/users", body);
    assertEquals(201, reply.status(), reply.toString());
    return login;
  }

  private Api as(String login) {
    Reply reply = admin.post("api/v3/admin/users/" + login + "/authorizations", "{}");
    assertEquals(201, reply.status(), reply.toString());
    return anonymous.withToken(reply.json().get("token").asText());
  }

  private static void assertError(Reply reply, int status, String message) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(message, reply.json().get("message").asText());
    assertTrue(
        Contracts.isDocumentationUrl(reply.json().get("documentation_url").asText()),
        reply.toString());
    assertFalse(reply.body().contains("Exception"), reply.body());
  }

  private long totalUsers() {
    return admin.get("api/v3/enterprise/stats/users").json().get("total_users").asLong();
  }

  @Test
  @Tag("smoke")
  void withoutACredentialEveryEndpointAnswers401() {
    for (String path :
        new String[] {
          "api/v3/users",
          "api/v3/user",
          "api/v3/enterprise/settings/license",
          "api/v3/enterprise/stats/users"
        }) {
      assertError(anonymous.get(path), 401, "Requires authentication");
    }
    assertError(
        anonymous.post("api/v3/admin/users", "{\"login\":\"x\"}"), 401, "Requires authentication");
  }

  @Test
  void aWrongTokenOrPasswordAnswers401BadCredentials() {
    assertError(anonymous.withToken("lsp_not-a-token").get("api/v3/users"), 401, "Bad credentials");
    assertError(
        anonymous
            .withAuthorization(Api.basic(ADMIN, "wrong"))
            .post("api/v3/user/tokens", "{\"note\":\"x\"}"),
        401,
        "Bad credentials");
    assertError(
        anonymous.withAuthorization(Api.basic(ADMIN, ADMIN_PASSWORD)).get("api/v3/users"),
        401,
        "Bad credentials");
  }

  @Test
  void bearerAndTokenSchemesAreBothAccepted() {
    String token = anonymous.createToken(ADMIN, ADMIN_PASSWORD);
    assertEquals(200, anonymous.withAuthorization("Bearer " + token).get("api/v3/user").status());
    Reply me = anonymous.withAuthorization("token " + token).get("api/v3/user");
    assertEquals(ADMIN, me.json().get("login").asText());
    assertTrue(me.json().get("site_admin").asBoolean());
  }

  @Test
  @Tag("smoke")
  void aUserWhoIsNotASiteAdminGets403OnAdminEndpointsButMayReadUsers() {
    Api plain = as(createUser(uniqueLogin("plain"), null));
    assertError(
        plain.get("api/v3/enterprise/settings/license"), 403, "Must be a site administrator.");
    assertError(plain.get("api/v3/enterprise/stats/users"), 403, "Must be a site administrator.");
    assertError(
        plain.post("api/v3/admin/users", "{\"login\":\"sneaky\"}"),
        403,
        "Must be a site administrator.");
    assertError(
        plain.put("api/v3/users/" + ADMIN + "/suspended", null),
        403,
        "Must be a site administrator.");
    assertEquals(200, plain.get("api/v3/users").status());
  }

  @Test
  @Tag("smoke")
  void creatingAUserAnswers201WithItsLocationAndTheUser() {
    String login = uniqueLogin("mona");
    Reply reply =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + login + "\",\"email\":\"" + login + "@Example.com\"}");
    assertEquals(201, reply.status(), reply.toString());
    assertTrue(reply.header("Location").orElseThrow().endsWith("/api/v3/users/" + login));
    JsonNode user = reply.json();
    assertEquals(login, user.get("login").asText());
    assertEquals("User", user.get("type").asText());
    assertFalse(user.get("site_admin").asBoolean());
    assertEquals(login + "@Example.com", user.get("email").asText());
    assertFalse(user.get("consumes_license").asBoolean(), "never signed in, so no seat yet");
    assertEquals(
        login, admin.get("api/v3/users/" + login.toUpperCase()).json().get("login").asText());
  }

  @Test
  void badNewUsersAreRefusedWithTheFieldAtFaultAndNothingIsCreated() {
    String taken = createUser(uniqueLogin("taken"), uniqueLogin("mail") + "@example.com");
    String takenEmail = admin.get("api/v3/users/" + taken).json().get("email").asText();
    long before = totalUsers();

    Reply duplicate =
        admin.post("api/v3/admin/users", "{\"login\":\"" + taken.toUpperCase() + "\"}");
    assertError(duplicate, 422, "Validation Failed");
    assertEquals("already_exists", duplicate.json().get("errors").get(0).get("code").asText());
    assertEquals("login", duplicate.json().get("errors").get(0).get("field").asText());

    Reply invalidLogin = admin.post("api/v3/admin/users", "{\"login\":\"-not valid-\"}");
    assertError(invalidLogin, 422, "Validation Failed");
    assertEquals("invalid", invalidLogin.json().get("errors").get(0).get("code").asText());

    Reply invalidEmail =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + uniqueLogin("ok") + "\",\"email\":\"not-an-email\"}");
    assertError(invalidEmail, 422, "Validation Failed");
    assertEquals("email", invalidEmail.json().get("errors").get(0).get("field").asText());

    Reply emailTaken =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\""
                + uniqueLogin("ok")
                + "\",\"email\":\""
                + takenEmail.toUpperCase()
                + "\"}");
    assertError(emailTaken, 422, "Validation Failed");
    assertEquals("already_exists", emailTaken.json().get("errors").get(0).get("code").asText());

    assertError(
        admin.post("api/v3/admin/users", "{\"email\":\"x@example.com\"}"),
        422,
        "Validation Failed");
    assertError(admin.post("api/v3/admin/users", "{\"login\": 42}"), 422, "Validation Failed");
    assertError(admin.post("api/v3/admin/users", "{\"login\":"), 400, "Problems parsing JSON");
    assertError(admin.post("api/v3/admin/users", "[1,2]"), 400, "Problems parsing JSON");
    assertEquals(415, admin.send("POST", "api/v3/admin/users", "text/plain", "login=x").status());
    assertEquals(before, totalUsers());
  }

  @Test
  void renamingAUserAnswers202AndTheOldLoginIsGone() {
    String login = createUser(uniqueLogin("old"), null);
    String renamed = uniqueLogin("new");
    Reply reply = admin.patch("api/v3/admin/users/" + login, "{\"login\":\"" + renamed + "\"}");
    assertEquals(202, reply.status(), reply.toString());
    assertTrue(reply.json().get("message").asText().startsWith("Job queued to rename user"));
    assertEquals(200, admin.get("api/v3/users/" + renamed).status());
    assertError(admin.get("api/v3/users/" + login), 404, "Not Found");

    String other = createUser(uniqueLogin("other"), null);
    assertError(
        admin.patch("api/v3/admin/users/" + renamed, "{\"login\":\"" + other + "\"}"),
        422,
        "Validation Failed");
    assertError(
        admin.patch(
            "api/v3/admin/users/" + uniqueLogin("nobody"),
            "{\"login\":\"" + uniqueLogin("x") + "\"}"),
        404,
        "Not Found");
    assertEquals(200, admin.get("api/v3/users/" + renamed).status());
  }

  @Test
  void deletingAUserAnswers204AndThenItIsNotFound() {
    String login = createUser(uniqueLogin("doomed"), null);
    assertEquals(204, admin.delete("api/v3/admin/users/" + login).status());
    assertError(admin.get("api/v3/users/" + login), 404, "Not Found");
    assertError(admin.delete("api/v3/admin/users/" + login), 404, "Not Found");
    assertError(admin.delete("api/v3/admin/users/" + ADMIN), 422, "Validation Failed");
  }

  @Test
  void suspendingAnActiveUserFreesItsSeatAndUnsuspendingTakesItBack() {
    String login = createUser(uniqueLogin("worker"), null);
    Api worker = as(login);
    assertEquals(200, worker.get("api/v3/user").status());
    assertFalse(
        admin.get("api/v3/users/" + login).json().get("consumes_license").asBoolean(),
        "impersonation is not signing in");
    ServerUsers.activeNow(admin, login);
    long used = admin.get("api/v3/enterprise/settings/license").json().get("seats_used").asLong();
    assertTrue(admin.get("api/v3/users/" + login).json().get("consumes_license").asBoolean());

    assertEquals(
        204,
        admin
            .put("api/v3/users/" + login + "/suspended", "{\"reason\":\"left the company\"}")
            .status());
    JsonNode suspended = admin.get("api/v3/users/" + login).json();
    assertTrue(suspended.hasNonNull("suspended_at"));
    assertEquals("left the company", suspended.get("suspension_reason").asText());
    assertEquals(
        used - 1,
        admin.get("api/v3/enterprise/settings/license").json().get("seats_used").asLong());
    assertError(worker.get("api/v3/user"), 401, "Bad credentials");

    assertEquals(204, admin.delete("api/v3/users/" + login + "/suspended").status());
    assertFalse(admin.get("api/v3/users/" + login).json().hasNonNull("suspended_at"));
    assertEquals(
        used, admin.get("api/v3/enterprise/settings/license").json().get("seats_used").asLong());
  }

  @Test
  void suspensionIsRefusedForSiteAdminsAndUnknownUsers() {
    String login = createUser(uniqueLogin("boss"), null);
    assertEquals(204, admin.put("api/v3/users/" + login + "/site_admin", null).status());
    assertError(
        admin.put("api/v3/users/" + login + "/suspended", null),
        403,
        "Site administrators cannot be suspended; demote the account first.");
    assertFalse(admin.get("api/v3/users/" + login).json().hasNonNull("suspended_at"));
    assertError(
        admin.put("api/v3/users/" + uniqueLogin("nobody") + "/suspended", null), 404, "Not Found");
  }

  @Test
  void promotingAndDemotingChangesTheSiteAdminFlagAndTheStats() {
    String login = createUser(uniqueLogin("promoted"), null);
    long admins = admin.get("api/v3/enterprise/stats/users").json().get("admin_users").asLong();
    assertEquals(204, admin.put("api/v3/users/" + login + "/site_admin", null).status());
    assertTrue(admin.get("api/v3/users/" + login).json().get("site_admin").asBoolean());
    assertEquals(
        admins + 1, admin.get("api/v3/enterprise/stats/users").json().get("admin_users").asLong());
    assertEquals(204, admin.delete("api/v3/users/" + login + "/site_admin").status());
    assertFalse(admin.get("api/v3/users/" + login).json().get("site_admin").asBoolean());
    assertError(
        admin.delete("api/v3/users/" + ADMIN + "/site_admin"),
        403,
        "You cannot demote yourself; ask another site administrator.");
  }

  @Test
  void usersArePagedBySinceWithALinkToTheNextPage() {
    for (int i = 0; i < 3; i++) {
      createUser(uniqueLogin("paged"), null);
    }
    Reply first = admin.get("api/v3/users?per_page=2");
    assertEquals(2, first.json().size());
    String link = first.header("Link").orElseThrow();
    long lastId = first.json().get(1).get("id").asLong();
    assertTrue(link.matches("<.*since=" + lastId + ".*>; rel=\"next\""), link);
    String next = link.substring(1, link.indexOf('>'));
    Reply second = admin.get(next.substring(next.indexOf("api/v3")));
    assertTrue(second.json().get(0).get("id").asLong() > lastId);

    long total = totalUsers();
    Reply all = admin.get("api/v3/users?per_page=100");
    assertEquals(Math.min(100, total), all.json().size());
    Reply capped = admin.get("api/v3/users?per_page=1000");
    assertEquals(Math.min(100, total), capped.json().size());
    Reply past = admin.get("api/v3/users?since=" + Long.MAX_VALUE);
    assertEquals(0, past.json().size());
    assertFalse(past.header("Link").isPresent());
    assertError(admin.get("api/v3/users?per_page=0"), 422, "Validation Failed");
    assertError(admin.get("api/v3/users?since=abc"), 422, "Validation Failed");
  }

  @Test
  @Tag("smoke")
  void theLicenseBodyMatchesTheRealSchemaAndCountsSeatsByTheRules() {
    Reply license = admin.get("api/v3/enterprise/settings/license");
    assertEquals(200, license.status());
    Contracts.assertValid("ghes_schema_get-license-information.json", license.json());
    JsonNode body = license.json();
    assertEquals(
        body.get("seats").asLong() - body.get("seats_used").asLong(),
        body.get("seats_available").asLong());
    assertTrue(
        body.get("expire_at")
            .asText()
            .matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}"));

    long consuming = 0;
    long since = 0;
    while (true) {
      JsonNode page = admin.get("api/v3/users?per_page=100&since=" + since).json();
      for (JsonNode user : page) {
        consuming += user.get("consumes_license").asBoolean() ? 1 : 0;
        since = user.get("id").asLong();
      }
      if (page.size() < 100) {
        break;
      }
    }
    assertEquals(
        consuming,
        body.get("seats_used").asLong(),
        "the database count agrees with the per-account rule");
  }

  @Test
  void theUserStatsMatchTheRealSchema() {
    Reply stats = admin.get("api/v3/enterprise/stats/users");
    assertEquals(200, stats.status());
    Contracts.assertValid("ghes_schema_admin-stats-users.json", stats.json());
    assertTrue(stats.json().get("admin_users").asLong() >= 1);
  }

  /**
   * GitHub's own clients send bodiless requests with a form content type or none: they work, and
   * who may do what is decided before the content type ever is.
   */
  @Test
  @Tag("smoke")
  void bodilessRequestsOfAnyContentTypeWorkAndCredentialsAreJudgedBeforeTheContentType() {
    String login = createUser(uniqueLogin("promoted"), null);
    String form = "application/x-www-form-urlencoded";
    Reply promoted = admin.send("PUT", "api/v3/users/" + login + "/site_admin", form, "");
    assertEquals(204, promoted.status(), promoted.toString());
    assertTrue(admin.get("api/v3/users/" + login).json().get("site_admin").asBoolean());
    Reply demoted =
        admin.send(
            "DELETE", "api/v3/users/" + login + "/site_admin", "application/octet-stream", "");
    assertEquals(204, demoted.status(), demoted.toString());
    assertFalse(admin.get("api/v3/users/" + login).json().get("site_admin").asBoolean());
    // a browser's fetch with an empty string sends text/plain; a text type names no body either
    Reply promotedByFetch =
        admin.send("PUT", "api/v3/users/" + login + "/site_admin", "text/plain;charset=UTF-8", "");
    assertEquals(204, promotedByFetch.status(), promotedByFetch.toString());
    Reply demotedAsCsv =
        admin.send("DELETE", "api/v3/users/" + login + "/site_admin", "text/csv", "");
    assertEquals(204, demotedAsCsv.status(), demotedAsCsv.toString());
    Reply suspended = admin.send("PUT", "api/v3/users/" + login + "/suspended", null, "");
    assertEquals(204, suspended.status(), suspended.toString());
    Reply unsuspended =
        admin.send("DELETE", "api/v3/users/" + login + "/suspended", "text/plain", "");
    assertEquals(204, unsuspended.status(), unsuspended.toString());
    // where an empty text body is an empty file, it is refused as one, not as a wrong type
    for (String text : List.of("text/csv", "text/plain")) {
      Reply emptyReport = admin.send("POST", "api/v3/admin/users/imports", text, "");
      assertEquals(400, emptyReport.status(), text + ": " + emptyReport);
      assertTrue(emptyReport.json().get("message").asText().contains("empty"), emptyReport.body());
    }

    // a body of the wrong type: 401 without a credential, 403 for a non-admin, 404 for nobody
    assertError(
        anonymous.send("PUT", "api/v3/users/" + login + "/site_admin", form, "a=b"),
        401,
        "Requires authentication");
    assertError(
        anonymous
            .withToken("ghp_not-a-token")
            .send("PUT", "api/v3/admin/license-sync", "text/plain", "x"),
        401,
        "Bad credentials");
    Api plain = as(createUser(uniqueLogin("plain"), null));
    assertError(
        plain.send("PUT", "api/v3/users/" + login + "/site_admin", form, ""),
        403,
        "Must be a site administrator.");
    // a non-admin learns 403 first, whatever the body's type or the path's spelling
    assertError(
        plain.send("PUT", "api/v3/users/" + login + "/suspended", form, "reason=x"),
        403,
        "Must be a site administrator.");
    assertError(
        plain.send("POST", "api/v3/admin/users", "text/plain", "login=x"),
        403,
        "Must be a site administrator.");
    assertError(
        plain.send("PUT", "api/v3/ADMIN/license-sync", "application/xml", "<x/>"),
        403,
        "Must be a site administrator.");
    assertError(
        plain.get("api/v3/enterprise/settings/license"), 403, "Must be a site administrator.");
    assertEquals(
        200, plain.get("api/v3/users/" + login).status(), "reading a user is for everyone");
    assertError(
        admin.send("PUT", "api/v3/users/" + uniqueLogin("nobody") + "/site_admin", form, ""),
        404,
        "Not Found");
    // where a body is required, a wrong type is 415 as JSON
    Reply wrongType = admin.send("POST", "api/v3/admin/users", "text/plain", "{\"login\":\"x\"}");
    assertEquals(415, wrongType.status(), wrongType.toString());
    assertTrue(wrongType.json().has("documentation_url"), wrongType.toString());
  }
}
