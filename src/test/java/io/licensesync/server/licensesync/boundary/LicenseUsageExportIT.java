package io.licensesync.server.licensesync.boundary;

import static io.licensesync.testing.Deployments.ADMIN;
import static io.licensesync.testing.Deployments.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.KeyUse;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.Metrics;
import io.licensesync.testing.ServerUsers;
import io.licensesync.testing.UsageDocs;
import io.licensesync.wire.SignedExportFile;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Manual license sync end to end over HTTP: Export license usage on the Server role, Add server
 * usage on the Cloud role (one deployment plays both): the receipt, the same file twice, encryption
 * for the connected or pasted enterprise key (no email in the file's bytes), and every refusal —
 * tampered, signed by another key, meant for another enterprise, older, not JSON, too large — each
 * saying which and changing nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LicenseUsageExportIT {

  static final String OPERATOR = "it-operator-export";
  static final String HOST = "ghe.export.example";
  static final int MAX_FILE_BYTES = 400_000;
  static final int MAX_DOCUMENT_BYTES = 600_000;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.server.hostname",
            HOST,
            "licensesync.cloud.usage-file.max-bytes",
            Integer.toString(MAX_FILE_BYTES),
            "licensesync.cloud.usage-file.max-document-bytes",
            Integer.toString(MAX_DOCUMENT_BYTES)));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;
  private String slug;
  private Api owner;
  private String ownerToken;

  @BeforeEach
  void freshEnterpriseNoConnectionNoPastedKey() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
    admin.delete("api/v3/admin/github-connect?force=true");
    admin.delete("api/v3/admin/license-sync/export/cloud-key");
    slug = newEnterprise();
    ownerToken = tokenOf(slug);
    owner = anonymous.withToken(ownerToken);
    newActiveUser();
    newActiveUser();
  }

  private final Map<String, String> tokens = new java.util.HashMap<>();

  private String newEnterprise() {
    String s = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + s
                    + "\",\"seats_purchased\":50,\"owner\":{\"login\":\"owner\",\"emails\":[{\"email\":\"owner@"
                    + s
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    tokens.put(s, created.json().get("owner_token").asText());
    return s;
  }

  private String tokenOf(String enterprise) {
    return tokens.get(enterprise);
  }

  private String newActiveUser() {
    String login = Deployments.uniqueLogin("exported");
    assertEquals(
        201,
        admin
            .post(
                "api/v3/admin/users",
                "{\"login\":\"" + login + "\",\"email\":\"" + login + "@export.example\"}")
            .status());
    ServerUsers.activeNow(admin, login);
    return login;
  }

  private Set<String> serverConsuming() {
    Set<String> ids = new TreeSet<>();
    long since = 0;
    while (true) {
      JsonNode page = admin.get("api/v3/users?per_page=100&since=" + since).json();
      for (JsonNode user : page) {
        if (user.get("consumes_license").asBoolean()) {
          ids.add(HOST + ":" + user.get("id").asLong());
        }
        since = user.get("id").asLong();
      }
      if (page.size() < 100) {
        return ids;
      }
    }
  }

  private Set<String> cloudServerIds(Api as, String enterprise) {
    Set<String> ids = new TreeSet<>();
    for (int page = 1; ; page++) {
      JsonNode body =
          as.get(
                  "cloud/api/enterprises/"
                      + enterprise
                      + "/consumed-licenses?per_page=100&page="
                      + page)
              .json();
      body.get("users")
          .forEach(u -> u.get("enterprise_server_user_ids").forEach(id -> ids.add(id.asText())));
      if (body.get("users").size() < 100) {
        return ids;
      }
    }
  }

  private String cloudState(Api as, String enterprise) {
    return as.get("cloud/api/enterprises/" + enterprise + "/consumed-licenses?per_page=100").body()
        + as.get("cloud/api/enterprises/" + enterprise + "/server-instances").body();
  }

  private Reply export() {
    Reply file = admin.get("api/v3/admin/license-sync/export");
    assertEquals(200, file.status(), file.toString());
    return file;
  }

  private Reply upload(Api as, String enterprise, String file) {
    return as.send(
        "POST",
        "cloud/api/enterprises/" + enterprise + "/server-usage-uploads",
        "application/json",
        file);
  }

  private static void assertRefused(Reply reply, int status, String says) {
    assertEquals(status, reply.status(), reply.toString());
    String text = reply.json().toString();
    assertTrue(text.contains(says), "the refusal says '" + says + "': " + text);
    assertTrue(reply.json().has("documentation_url"), reply.toString());
  }

  @Test
  @Tag("smoke")
  void anExportedFileIsAcceptedWithAReceiptAndTheSameFileAgainChangesNothing() {
    Reply file = export();
    String expectedName = "license-usage-" + HOST + "-" + LocalDate.now(ZoneOffset.UTC) + ".json";
    assertTrue(
        file.header("Content-Disposition").orElse("").contains("filename=\"" + expectedName + "\""),
        file.headers().map().toString());
    JsonNode json = file.json();
    assertFalse(
        json.get("encrypted").asBoolean(), "not connected and no key pasted: not encrypted");
    assertTrue(json.get("notice").asText().contains("NOT encrypted"), json.toString());
    JsonNode key = admin.get("api/v3/admin/license-sync/export/key").json();
    assertEquals(
        key.get("signing_key_fingerprint").asText(),
        json.get("signing_key_fingerprint").asText(),
        "the License page shows the key that signs");
    assertFalse(key.get("encrypted").asBoolean());
    assertFalse(key.toString().contains("\"d\""), "the private key is never answered: " + key);

    String metricsBefore = admin.get("metrics").body();
    Set<String> consuming = serverConsuming();
    long seatsBefore =
        owner
            .get("cloud/api/enterprises/" + slug + "/consumed-licenses")
            .json()
            .get("total_seats_consumed")
            .asLong();
    Reply receipt = upload(owner, slug, file.body());
    assertEquals(201, receipt.status(), receipt.toString());
    JsonNode r = receipt.json();
    assertEquals(key.get("server_id").asText(), r.get("server_id").asText());
    assertEquals(consuming.size(), r.get("accounts_accepted").asInt(), r.toString());
    assertEquals(
        consuming.size(),
        r.get("people").asInt(),
        "distinct emails, no members matched: one person per account " + r);
    assertEquals(seatsBefore, r.get("seats_consumed_before").asLong());
    assertEquals(
        seatsBefore + consuming.size(), r.get("seats_consumed_after").asLong(), r.toString());
    assertTrue(r.get("instance_registered").asBoolean());
    assertEquals(
        consuming,
        cloudServerIds(owner, slug),
        "the Cloud counts exactly this Server's consuming accounts");
    JsonNode instance =
        owner.get("cloud/api/enterprises/" + slug + "/server-instances").json().get(0);
    assertEquals("file", instance.get("last_sync_via").asText(), instance.toString());
    JsonNode status =
        owner
            .get("cloud/api/enterprises/" + slug + "/license-sync-status")
            .json()
            .get("server_instances")
            .get(0);
    assertEquals("success", status.get("last_sync").get("status").asText(), status.toString());

    String before = cloudState(owner, slug);
    Reply again = upload(owner, slug, file.body());
    assertEquals(200, again.status(), again.toString());
    assertFalse(again.json().get("applied").asBoolean());
    assertEquals(
        r.get("seats_consumed_after").asLong(), again.json().get("seats_consumed_after").asLong());
    assertEquals(before, cloudState(owner, slug), "the same file again changes nothing");

    // both uploads counted as files, by outcome, with their size and ingest time
    String metrics = admin.get("metrics").body();
    for (String outcome : List.of("applied", "duplicate")) {
      String series =
          "licensesync_cloud_uploads_total{outcome=\"" + outcome + "\",source=\"file\"}";
      assertEquals(
          Metrics.sampleOrZero(metricsBefore, series) + 1,
          Metrics.sample(metrics, series),
          metrics);
    }
    String bytes = "licensesync_cloud_upload_bytes_count{source=\"file\"}";
    assertEquals(
        Metrics.sampleOrZero(metricsBefore, bytes) + 2, Metrics.sample(metrics, bytes), metrics);
    String bytesSum = "licensesync_cloud_upload_bytes_sum{source=\"file\"}";
    assertEquals(
        Metrics.sampleOrZero(metricsBefore, bytesSum)
            + 2 * file.body().getBytes(StandardCharsets.UTF_8).length,
        Metrics.sample(metrics, bytesSum),
        metrics);
    String ingest = "licensesync_cloud_ingest_duration_seconds_count{source=\"file\"}";
    assertEquals(
        Metrics.sampleOrZero(metricsBefore, ingest) + 2, Metrics.sample(metrics, ingest), metrics);
  }

  @Test
  void aConnectedServerEncryptsForItsEnterpriseAndTheFileHoldsNoEmailInClear() {
    Reply connected =
        admin.put(
            "api/v3/admin/github-connect",
            "{\"cloud_url\":\""
                + base
                + "\",\"enterprise\":\""
                + slug
                + "\",\"token\":\""
                + ownerToken
                + "\"}");
    assertEquals(201, connected.status(), connected.toString());
    JsonNode enterpriseKey =
        owner.get("cloud/api/enterprises/" + slug + "/license-usage-key").json();
    JsonNode plan = admin.get("api/v3/admin/license-sync/export/key").json();
    assertTrue(plan.get("encrypted").asBoolean(), plan.toString());
    assertEquals(
        enterpriseKey.get("fingerprint").asText(), plan.get("encryption_key_fingerprint").asText());

    Reply file = export();
    assertTrue(file.json().get("encrypted").asBoolean());
    assertFalse(file.body().contains("@"), "no email address in the file's bytes");
    for (String login : admin.get("api/v3/users?per_page=100").json().findValuesAsText("login")) {
      assertFalse(file.body().contains(login), "no login in the file");
    }

    String other = newEnterprise();
    Api otherOwner = anonymous.withToken(tokenOf(other));
    String otherBefore = cloudState(otherOwner, other);
    assertRefused(
        upload(otherOwner, other, file.body()), 422, "exported for the enterprise '" + slug + "'");
    assertEquals(otherBefore, cloudState(otherOwner, other), "nothing changed");

    Reply receipt = upload(owner, slug, file.body());
    assertEquals(201, receipt.status(), receipt.toString());
    assertTrue(receipt.json().get("encrypted").asBoolean());
    assertFalse(
        receipt.json().get("instance_registered").asBoolean(), "the connected instance itself");
    assertEquals(serverConsuming(), cloudServerIds(owner, slug));
  }

  @Test
  void aPastedEnterpriseKeyEncryptsTheFileForThatEnterprise() {
    JsonNode enterpriseKey =
        owner.get("cloud/api/enterprises/" + slug + "/license-usage-key").json();
    assertEquals(
        404,
        anonymous
            .withToken(tokenOf(newEnterprise()))
            .get("cloud/api/enterprises/" + slug + "/license-usage-key")
            .status(),
        "another enterprise's owner does not see the key");
    Reply bad =
        admin.put(
            "api/v3/admin/license-sync/export/cloud-key",
            "{\"enterprise\":\"" + slug + "\",\"key\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}");
    assertRefused(bad, 422, "license usage key");
    assertFalse(
        admin.get("api/v3/admin/license-sync/export/key").json().get("encrypted").asBoolean(),
        "a refused key changes nothing");

    Reply pasted =
        admin.put(
            "api/v3/admin/license-sync/export/cloud-key",
            "{\"enterprise\":\""
                + slug
                + "\",\"key\":"
                + enterpriseKey.get("key").toString()
                + "}");
    assertEquals(200, pasted.status(), pasted.toString());
    assertEquals(
        enterpriseKey.get("fingerprint").asText(),
        pasted.json().get("encryption_key_fingerprint").asText());
    Reply file = export();
    assertTrue(file.json().get("encrypted").asBoolean());
    assertFalse(file.body().contains("@"));
    assertEquals(201, upload(owner, slug, file.body()).status());
    assertEquals(serverConsuming(), cloudServerIds(owner, slug));
  }

  @Test
  void eachRefusalSaysWhichAndChangesNothing() throws Exception {
    Reply older = export();
    Thread.sleep(5);
    Reply first = export();
    assertEquals(201, upload(owner, slug, first.body()).status());
    String before = cloudState(owner, slug);

    assertRefused(
        upload(owner, slug, older.body()), 409, "generated before the usage already applied");
    assertEquals(before, cloudState(owner, slug));

    ObjectNode tampered = (ObjectNode) first.json().deepCopy();
    String usage = tampered.get("usage").asText();
    String[] parts = usage.split("\\.");
    String document = UsageDocs.inflate(java.util.Base64.getUrlDecoder().decode(parts[1]));
    String payload = document.replaceFirst("\"id\":(\\d+)", "\"id\":999$1");
    assertNotEquals(document, payload, "the test changed an account id");
    tampered.put(
        "usage",
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(UsageDocs.deflate(payload))
            + "."
            + parts[2]);
    assertRefused(upload(owner, slug, tampered.toString()), 422, "changed after it was exported");
    assertEquals(before, cloudState(owner, slug));

    assertRefused(
        upload(owner, slug, forgedWithAnotherKey(first.json())), 422, "signs its files with");
    assertEquals(before, cloudState(owner, slug));

    assertRefused(upload(owner, slug, "created_at,id,login\n2026-01-01,1,mona\n"), 422, "not JSON");
    assertRefused(upload(owner, slug, "{\"hello\": \"world\"}"), 422, "not a license usage file");
    assertEquals(before, cloudState(owner, slug));

    String huge = "{\"license_usage_file\":1,\"padding\":\"" + "x".repeat(MAX_FILE_BYTES) + "\"}";
    assertRefused(upload(owner, slug, huge), 413, "larger than the limit");
    assertEquals(before, cloudState(owner, slug));

    assertEquals(401, upload(anonymous, slug, first.body()).status(), "no credential");
    assertEquals(
        404,
        upload(anonymous.withToken(tokenOf(newEnterprise())), slug, first.body()).status(),
        "another enterprise's owner");
    assertEquals(before, cloudState(owner, slug));
  }

  @Test
  void aSmallFileWhoseUsageInflatesPastTheLimitIsRefusedAndChangesNothing() {
    assertEquals(201, upload(owner, slug, export().body()).status());
    String before = cloudState(owner, slug);
    Instant now = Instant.now();
    String serverId = UUID.randomUUID().toString();
    java.util.List<io.licensesync.wire.LicenseUsageDocument.Account> accounts =
        new java.util.ArrayList<>();
    for (int i = 1; i <= 12_000; i++) {
      accounts.add(UsageDocs.account(i, "someone" + i + "@inflated.example"));
    }
    String document =
        UsageDocs.document("inflated-1", serverId, "ghe.inflated.example", now, accounts);
    assertTrue(document.length() > MAX_DOCUMENT_BYTES, "the document is over the limit");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedExportFile.write(
        out,
        new SignedExportFile.Header(serverId, "ghe.inflated.example", "3.17.0", now, null),
        document.getBytes(StandardCharsets.UTF_8),
        SignedExportFile.newKey(KeyUse.SIGNATURE),
        Optional.empty());
    assertTrue(out.size() < MAX_FILE_BYTES, "the file itself is under its limit: " + out.size());

    Reply refused = upload(owner, slug, out.toString(StandardCharsets.UTF_8));
    assertRefused(refused, 413, "once uncompressed; nothing changed");
    assertEquals(before, cloudState(owner, slug), "no instance registered, no account counted");
  }

  /** A file of the same server, with a newer time, signed by a key that is not the instance's. */
  private static String forgedWithAnotherKey(JsonNode real) throws Exception {
    String[] parts = real.get("usage").asText().split("\\.");
    String text =
        UsageDocs.inflate(java.util.Base64.getUrlDecoder().decode(parts[1]))
            .replaceFirst("\"upload_id\":\"[^\"]+\"", "\"upload_id\":\"forged-1\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedExportFile.write(
        out,
        new SignedExportFile.Header(
            real.get("server_id").asText(),
            real.get("hostname").asText(),
            real.get("version").asText(),
            Instant.now(),
            null),
        text.getBytes(StandardCharsets.UTF_8),
        SignedExportFile.newKey(KeyUse.SIGNATURE),
        Optional.empty());
    String forged = out.toString(StandardCharsets.UTF_8);
    assertNotEquals(
        real.get("signing_key_fingerprint").asText(),
        Api.JSON.readTree(forged).get("signing_key_fingerprint").asText());
    return forged;
  }
}
