package io.licensesync.testing;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api.Reply;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One Server role and a fresh Cloud enterprise in one deployment, for the license sync tests: the
 * site admin's and the owner's API, connecting (directly or through a {@link CloudProxy}),
 * enabling, Sync now with waiting for the run's end, and what the Cloud holds afterwards.
 */
public final class SyncScenario {

  public final Api anonymous;
  public final Api admin;
  public final String slug;
  public final String ownerToken;
  public final Api owner;
  private final String operatorToken;

  private SyncScenario(URL base, String operatorToken) {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    admin.delete("api/v3/admin/github-connect?force=true");
    this.operatorToken = operatorToken;
    slug = "sync-" + UUID.randomUUID().toString().substring(0, 8);
    ownerToken = newEnterprise(slug);
    owner = anonymous.withToken(ownerToken);
  }

  /** A fresh enterprise (made with the Cloud operator's token) and this Server disconnected. */
  public static SyncScenario fresh(URL base, String operatorToken) {
    return new SyncScenario(base, operatorToken);
  }

  /** Another enterprise, made by the Cloud operator; answers its owner's token. */
  public String newEnterprise(String slug) {
    return createEnterprise(anonymous, operatorToken, slug);
  }

  /**
   * Makes enterprise {@code slug} (owner {@code owner}, 500 seats) on the Cloud at {@code cloud}
   * with the operator's token; answers the owner's token.
   */
  public static String createEnterprise(Api cloud, String operatorToken, String slug) {
    Reply created =
        cloud
            .withToken(operatorToken)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":500,\"owner\":{\"login\":\"owner\",\"emails\":[{\"email\":\"owner@"
                    + slug
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("owner_token").asText();
  }

  public Reply connect(String cloudUrl) {
    return admin.put(
        "api/v3/admin/github-connect",
        "{\"cloud_url\":\""
            + cloudUrl
            + "\",\"enterprise\":\""
            + slug
            + "\",\"token\":\""
            + ownerToken
            + "\"}");
  }

  /** Connects through {@code cloudUrl} and enables license sync, asserting both work. */
  public void connectAndEnable(String cloudUrl) {
    assertEquals(201, connect(cloudUrl).status());
    Reply enabled =
        admin.put(
            "api/v3/admin/license-sync",
            "{\"setting\":\"Enabled\",\"cloud_token\":\"" + ownerToken + "\"}");
    assertEquals(200, enabled.status(), enabled.toString());
  }

  /** Starts Sync now (202) and answers its path. */
  public String syncNow() {
    Reply started = admin.post("api/v3/admin/license-sync/runs", null);
    assertEquals(202, started.status(), started.toString());
    String location = started.header("Location").orElseThrow();
    return location.substring(location.indexOf("api/v3"));
  }

  /** Sync now, then the run once it has ended. */
  public JsonNode syncNowAndWait() {
    return waitFor(syncNow(), Duration.ofMinutes(2));
  }

  /** The run at {@code runPath} once it is no longer running (fails after {@code atMost}). */
  public JsonNode waitFor(String runPath, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = admin.get(runPath).json();
      if (!run.get("status").asText().equals("running")) {
        return run;
      }
      sleep(250);
    }
    throw new AssertionError("the run did not finish within " + atMost + ": " + runPath);
  }

  /** The Server user ids the Cloud holds for this enterprise's consumed licenses. */
  public Set<String> cloudServerIds() {
    Set<String> ids = new HashSet<>();
    for (int page = 1; ; page++) {
      JsonNode body =
          owner
              .get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=100&page=" + page)
              .json();
      body.get("users")
          .forEach(u -> u.get("enterprise_server_user_ids").forEach(id -> ids.add(id.asText())));
      if (body.get("users").size() < 100) {
        return ids;
      }
    }
  }

  /** The Cloud's license sync status of this enterprise's instances. */
  public JsonNode cloudStatus() {
    return owner
        .get("cloud/api/enterprises/" + slug + "/license-sync-status")
        .json()
        .get("server_instances");
  }

  /** Disconnects this Server whatever the Cloud says. */
  public void disconnect() {
    admin.delete("api/v3/admin/github-connect?force=true");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
