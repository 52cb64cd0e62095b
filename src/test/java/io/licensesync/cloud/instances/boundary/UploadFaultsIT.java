package io.licensesync.cloud.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.SyncScenario;
import io.licensesync.testing.UsageDocs;
import io.licensesync.wire.LicenseUsageDocument;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Cloud's intake of license usage uploads under faults: two uploads for one instance at the
 * same moment are applied one after the other (or the second is told to try again; the older one,
 * when it waited for the newer, is refused as older), never a 500 nor a mix; a body cut off in
 * transit is recorded as cut off, and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadFaultsIT {

  static final String OPERATOR = "it-operator-upload-faults";
  static final int ACCOUNTS = 20_000;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api owner;
  private String slug;
  private String serverId;
  private String credential;

  @BeforeEach
  void anInstanceOfAFreshEnterprise() {
    anonymous = Api.at(base);
    slug = "uploads-" + UUID.randomUUID().toString().substring(0, 8);
    owner = anonymous.withToken(SyncScenario.createEnterprise(anonymous, OPERATOR, slug));
    serverId = UUID.randomUUID().toString();
    Reply connected =
        owner.post(
            path("/server-instances"),
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.up.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, connected.status(), connected.toString());
    credential = connected.json().get("credential").asText();
  }

  private String path(String rest) {
    return "cloud/api/enterprises/" + slug + rest;
  }

  private String uploadPath(String uploadId) {
    return path("/server-instances/" + serverId + "/license-usage-uploads/" + uploadId);
  }

  /** {@code count} accounts whose emails carry {@code tag}, so each document's people differ. */
  private String document(String uploadId, int count, String tag, Instant generatedAt) {
    List<LicenseUsageDocument.Account> accounts = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      accounts.add(UsageDocs.account(i, "p" + i + "-" + tag + "@up.example"));
    }
    return UsageDocs.document(uploadId, serverId, "ghe.up.example", generatedAt, accounts);
  }

  private long seatsConsumed() {
    JsonNode page = owner.get(path("/consumed-licenses?per_page=1")).json();
    return page.get("total_seats_consumed").asLong();
  }

  private JsonNode lastSync() {
    return owner
        .get(path("/license-sync-status"))
        .json()
        .get("server_instances")
        .get(0)
        .get("last_sync");
  }

  @Test
  void twoUploadsForOneInstanceAtOnceAreAppliedOneAfterTheOtherNeverHalfAndNever500() {
    long baseline = seatsConsumed();
    Instant now = Instant.now();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    String older = document(first, ACCOUNTS, "a", now.minusSeconds(2));
    String newer = document(second, ACCOUNTS + 1, "b", now.minusSeconds(1));
    Api instance = anonymous.withToken(credential);
    CompletableFuture<Reply> one =
        CompletableFuture.supplyAsync(
            () -> instance.send("PUT", uploadPath(first), "application/json", older));
    CompletableFuture<Reply> other =
        CompletableFuture.supplyAsync(
            () -> instance.send("PUT", uploadPath(second), "application/json", newer));
    Reply a = one.join();
    Reply b = other.join();
    for (Reply reply : List.of(a, b)) {
      assertTrue(Set.of(201, 409).contains(reply.status()), reply.toString());
      assertTrue(reply.json().has("message") || reply.status() == 201, reply.toString());
      boolean olderAfterNewer =
          reply == a
              && b.status() == 201
              && reply.json().path("message").asText().contains("generated before");
      if (reply.status() == 409 && !olderAfterNewer) {
        // busy, not refused: the Server retries it
        assertEquals("5", reply.header("Retry-After").orElse(null), reply.toString());
      }
    }
    assertTrue(a.status() == 201 || b.status() == 201, "one of them is applied: " + a + " / " + b);
    long seats = seatsConsumed();
    // one whole document, never a mix of the two
    assertTrue(
        seats == baseline + ACCOUNTS || seats == baseline + ACCOUNTS + 1,
        "one document whole, not a mix: " + seats);
    if (b.status() == 201 && a.status() == 409) {
      assertEquals(baseline + ACCOUNTS + 1, seats);
    }
  }

  @Test
  void aBodyCutOffInTransitIsRecordedAsCutOffAndChangesNothing() throws Exception {
    String good = UUID.randomUUID().toString();
    Reply applied =
        anonymous
            .withToken(credential)
            .send(
                "PUT", uploadPath(good), "application/json", document(good, 3, "c", Instant.now()));
    assertEquals(201, applied.status(), applied.toString());
    long before = seatsConsumed();

    String cut = UUID.randomUUID().toString();
    byte[] whole = document(cut, 50, "d", Instant.now()).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      String head =
          "PUT "
              + base.getPath()
              + uploadPath(cut)
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + "\r\nAuthorization: Bearer "
              + credential
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + whole.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(whole, 0, 100);
      out.flush();
      // the Server goes away mid-upload
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = lastSync();
    while (!last.path("error").asText("").contains("cut off") && System.nanoTime() < deadline) {
      Thread.sleep(500);
      last = lastSync();
    }
    assertEquals("failure", last.get("status").asText(), last.toString());
    assertTrue(
        last.get("error").asText().contains("cut off after 100 bytes of " + whole.length),
        last.toString());
    assertEquals(before, seatsConsumed(), "the last good usage stays whole");
  }
}
