package io.licensesync.server.instance.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.PayaraMicroProcess;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The application as an operator runs it: stopped and started again on the same database, it keeps
 * its accounts and tokens; with a role switched off, that role's paths answer 404.
 */
class LifecycleIT {

  @Test
  void accountsAndTokensSurviveARestart() {
    WebArchive war =
        Deployments.licenseSync(Map.of("licensesync.server.hostname", "restart.example.com"));
    String login = Deployments.uniqueLogin("persistent");
    String token;
    try (PayaraMicroProcess first = PayaraMicroProcess.start(war, "restart")) {
      Api api = Api.at(first.url());
      token = api.createToken(ADMIN, ADMIN_PASSWORD);
      Reply created =
          api.withToken(token)
              .post(
                  "api/v3/admin/users",
                  "{\"login\":\"" + login + "\",\"email\":\"" + login + "@example.com\"}");
      assertEquals(201, created.status(), created.toString());
      assertEquals(
          204,
          api.withToken(token)
              .put("api/v3/users/" + login + "/suspended", "{\"reason\":\"kept\"}")
              .status());
    }
    try (PayaraMicroProcess second = PayaraMicroProcess.start(war, "restart")) {
      Reply user = Api.at(second.url()).withToken(token).get("api/v3/users/" + login);
      assertEquals(200, user.status(), user.toString());
      assertEquals(login + "@example.com", user.json().get("email").asText());
      assertEquals("kept", user.json().get("suspension_reason").asText());
    }
  }

  @Test
  void aRoleSwitchedOffAnswers404OnItsPaths() {
    WebArchive war = Deployments.licenseSync(Map.of("licensesync.roles", "cloud"));
    try (PayaraMicroProcess cloudOnly = PayaraMicroProcess.start(war, "cloud-only")) {
      Api api = Api.at(cloudOnly.url());
      for (String path :
          new String[] {
            "api/v3/users", "api/v3/enterprise/settings/license", "api/v3/user/tokens"
          }) {
        Reply reply = api.withAuthorization(Api.basic(ADMIN, ADMIN_PASSWORD)).get(path);
        assertEquals(404, reply.status(), path + " " + reply);
        assertEquals("Not Found", reply.json().get("message").asText());
      }
      assertEquals(404, api.post("api/v3/user/tokens", "{\"note\":\"x\"}").status());
      assertTrue(api.get("health").status() == 200, "health stays up");
    }
  }
}
