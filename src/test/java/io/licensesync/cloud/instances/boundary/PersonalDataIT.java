package io.licensesync.cloud.instances.boundary;

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
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageWriter;
import io.licensesync.wire.SignedExportFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal data and files over HTTP, one deployment playing both roles: who sees emails and
 * activity in the users API, who may read {@code /metrics} and how much {@code /health} tells, CSV
 * cells that cannot run as formulas, usage uploads and exported files from the future or without a
 * time refused without changing anything, a file whose readable header lies about a time refused,
 * and the database files readable by their owner only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PersonalDataIT {

  static final String OPERATOR = "it-operator-personal-data";
  static final String HOST = "ghe.personal.example";
  static final List<String> PERSONAL =
      List.of("email", "last_active_at", "dormant", "consumes_license", "suspension_reason");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of("licensesync.cloud.operator-token", OPERATOR, "licensesync.server.hostname", HOST));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;

  @BeforeEach
  void signedInAdmin() {
    anonymous = Api.at(base);
    admin = anonymous.withToken(anonymous.createToken(ADMIN, ADMIN_PASSWORD));
  }

  @Test
  void emailsAndActivityAreShownOnlyToSiteAdminsAndThePersonThemself() {
    String mona = Deployments.uniqueLogin("mona");
    String monaToken = newUser(mona);
    Api other = anonymous.withToken(newUser(Deployments.uniqueLogin("hubot")));

    JsonNode seenByOther = other.get("api/v3/users/" + mona).json();
    assertEquals(mona, seenByOther.get("login").asText());
    assertTrue(seenByOther.get("id").asLong() > 0);
    assertEquals("User", seenByOther.get("type").asText());
    assertFalse(seenByOther.get("site_admin").asBoolean());
    assertTrue(seenByOther.has("url"));
    PERSONAL.forEach(
        field ->
            assertFalse(
                seenByOther.has(field), field + " is not shown to another user: " + seenByOther));

    JsonNode seenByHerself = anonymous.withToken(monaToken).get("api/v3/users/" + mona).json();
    assertEquals(mona + "@personal.example", seenByHerself.get("email").asText());
    assertTrue(seenByHerself.get("consumes_license").asBoolean());
    assertTrue(
        seenByHerself.has("dormant") && seenByHerself.has("last_active_at"),
        seenByHerself.toString());

    JsonNode seenByAdmin = admin.get("api/v3/users/" + mona).json();
    assertEquals(mona + "@personal.example", seenByAdmin.get("email").asText());
    assertTrue(seenByAdmin.get("consumes_license").asBoolean());

    long since = seenByOther.get("id").asLong() - 1;
    JsonNode listedForOther = other.get("api/v3/users?per_page=1&since=" + since).json().get(0);
    assertEquals(mona, listedForOther.get("login").asText());
    PERSONAL.forEach(
        field ->
            assertFalse(
                listedForOther.has(field),
                field + " is not listed for another user: " + listedForOther));
    JsonNode listedForAdmin = admin.get("api/v3/users?per_page=1&since=" + since).json().get(0);
    assertEquals(mona + "@personal.example", listedForAdmin.get("email").asText());
  }

  @Test
  void metricsAnswerOnlyASiteAdminOrTheOperator() {
    Reply none = anonymous.get("metrics");
    assertEquals(401, none.status(), none.toString());
    assertEquals("Requires authentication", none.json().get("message").asText());
    assertTrue(none.json().has("documentation_url"));
    assertFalse(none.body().contains("jvm_"), "no figure leaks");

    assertEquals(
        401, anonymous.withToken("lsp_not-a-token").get("metrics").status(), "bad credentials");

    Reply notAdmin =
        anonymous.withToken(newUser(Deployments.uniqueLogin("watcher"))).get("metrics");
    assertEquals(403, notAdmin.status(), notAdmin.toString());
    assertFalse(notAdmin.body().contains("jvm_"));

    Reply byAdmin = admin.get("metrics");
    assertEquals(200, byAdmin.status(), byAdmin.toString());
    assertTrue(
        byAdmin.header("Content-Type").orElseThrow().startsWith("text/plain"), byAdmin.toString());
    assertTrue(
        byAdmin.body().contains("# TYPE licensesync_server_accounts gauge\n"), byAdmin.body());
    assertTrue(
        byAdmin.body().lines().anyMatch(l -> l.matches("licensesync_server_accounts \\d+")),
        byAdmin.body());
    assertTrue(
        byAdmin.body().lines().anyMatch(l -> l.matches("licensesync_cloud_seats_consumed \\d+")),
        byAdmin.body());
    assertTrue(
        byAdmin
            .body()
            .lines()
            .anyMatch(l -> l.matches("jvm_memory_used_bytes\\{area=\"heap\"} \\d+")),
        byAdmin.body());

    assertEquals(
        200,
        anonymous.withAuthorization(Api.basic(ADMIN, ADMIN_PASSWORD)).get("metrics").status(),
        "Basic, as a site admin");

    Reply byOperator = anonymous.withToken(OPERATOR).get("metrics");
    assertEquals(200, byOperator.status(), byOperator.toString());
    assertTrue(
        byOperator
            .body()
            .lines()
            .anyMatch(l -> l.matches("licensesync_cloud_connected_instances \\d+")),
        byOperator.body());

    assertEquals(
        403,
        anonymous.withToken(newEnterprise().ownerToken()).get("metrics").status(),
        "an enterprise owner is not the operator");
  }

  @Test
  void payarasOwnMetricsAndHealthEndpointsAreSwitchedOff() throws MalformedURLException {
    URI application = URI.create(base.toString());
    URI server = application.resolve("/");
    if (server.equals(application)) {
      return; // the application is at the root: /metrics and /health are its own, tested above
    }
    Api root = Api.at(server.toURL());
    Reply metrics = root.get("metrics");
    assertNotEquals(200, metrics.status(), "Payara's /metrics answers no one: " + metrics);
    assertFalse(metrics.body().contains("# TYPE"), metrics.body());
    assertNotEquals(200, root.get("health").status(), "Payara's /health is off");
  }

  @Test
  void healthTellsAnyoneOnlyUpOrDownAndAdminsTheChecks() {
    Reply anyone = anonymous.get("health");
    assertEquals(200, anyone.status(), anyone.toString());
    assertEquals("{\"status\":\"UP\"}", anyone.body());

    Reply notAdmin = anonymous.withToken(newUser(Deployments.uniqueLogin("prober"))).get("health");
    assertEquals("{\"status\":\"UP\"}", notAdmin.body());

    JsonNode detail = admin.get("health").json();
    assertEquals("UP", detail.get("status").asText());
    JsonNode database = detail.get("checks").get(0);
    assertEquals("database", database.get("name").asText());
    assertEquals("UP", database.get("status").asText());
    assertTrue(database.get("data").has("product"), detail.toString());
    assertEquals(
        "UP",
        anonymous
            .withToken(OPERATOR)
            .get("health")
            .json()
            .get("checks")
            .get(0)
            .get("status")
            .asText());
  }

  @Test
  void csvReportCellsCannotRunAsFormulas() {
    Enterprise enterprise = newEnterprise();
    Api owner = anonymous.withToken(enterprise.ownerToken());
    String login = Deployments.uniqueLogin("formula");
    Reply provisioned =
        owner.post(
            "cloud/api/enterprises/" + enterprise.slug() + "/members",
            "[{\"login\":\""
                + login
                + "\",\"name\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\",\"emails\":[{\"email\":\""
                + login
                + "@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
                + "{\"login\":\""
                + login
                + "-2\",\"name\":\"@SUM(A1)\",\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]");
    assertEquals(2, provisioned.status() / 100, provisioned.toString());

    Reply csv =
        owner.send(
            "GET",
            "cloud/api/enterprises/" + enterprise.slug() + "/consumed-licenses/report",
            null,
            null,
            "text/csv",
            false);
    assertEquals(200, csv.status(), csv.toString());
    String row =
        csv.body()
            .lines()
            .filter(l -> l.contains(login + "\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError(csv.body()));
    assertTrue(
        row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
        "the name is quoted and neutralised: " + row);
    assertTrue(csv.body().contains(",\"'@SUM(A1)\","), csv.body());
    assertFalse(
        csv.body().lines().anyMatch(l -> l.matches("(^|.*,)\"?[=+@\\-].*")),
        "no cell starts a formula: " + csv.body());
  }

  @Test
  void aUsageUploadFromTheFutureOrWithoutATimeIsRefusedAndChangesNothing() {
    Enterprise enterprise = newEnterprise();
    Api owner = anonymous.withToken(enterprise.ownerToken());
    String serverId = "srv-" + UUID.randomUUID();
    Reply connected =
        owner.post(
            "cloud/api/enterprises/" + enterprise.slug() + "/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.future.example\",\"version\":\"3.17.0\"}");
    assertEquals(201, connected.status(), connected.toString());
    Api instance = anonymous.withToken(connected.json().get("credential").asText());
    String before = consumed(owner, enterprise.slug());

    Reply future =
        upload(instance, enterprise.slug(), serverId, Instant.now().plus(Duration.ofHours(1)));
    assertRefused(future, 422, "in the future");
    assertEquals("generated_at", future.json().get("errors").get(0).get("field").asText());
    assertEquals(before, consumed(owner, enterprise.slug()), "nothing changed");

    Reply timeless = upload(instance, enterprise.slug(), serverId, null);
    assertRefused(timeless, 422, "generated_at is missing");
    assertEquals("generated_at", timeless.json().get("errors").get(0).get("field").asText());
    assertEquals(before, consumed(owner, enterprise.slug()), "nothing changed");

    Reply withinSkew = upload(instance, enterprise.slug(), serverId, Instant.now().plusSeconds(60));
    assertEquals(201, withinSkew.status(), "a Server clock a minute ahead is fine: " + withinSkew);
    assertNotEquals(before, consumed(owner, enterprise.slug()));
  }

  @Test
  void anExportedFileFromTheFutureIsRefusedNamingExportedAtAndChangesNothing() {
    Enterprise enterprise = newEnterprise();
    Api owner = anonymous.withToken(enterprise.ownerToken());
    String before = state(owner, enterprise.slug());
    Instant future = Instant.now().plus(Duration.ofDays(1));

    Reply refused =
        addServerUsage(
            owner, enterprise.slug(), signedFile("srv-" + UUID.randomUUID(), future, future));
    assertRefused(refused, 422, "in the future");
    assertEquals("exported_at", refused.json().get("errors").get(0).get("field").asText());
    assertEquals(
        before, state(owner, enterprise.slug()), "no instance registered, nothing changed");

    Instant now = Instant.now();
    Reply accepted =
        addServerUsage(owner, enterprise.slug(), signedFile("srv-" + UUID.randomUUID(), now, now));
    assertEquals(201, accepted.status(), "the same kind of file, dated now: " + accepted);
  }

  @Test
  void aFileWhoseReadableHeaderDisagreesWithTheSignedContentOnATimeIsRefused() {
    admin.delete("api/v3/admin/github-connect?force=true");
    admin.delete("api/v3/admin/license-sync/export/cloud-key");
    newUser(Deployments.uniqueLogin("exported"));
    Reply export = admin.get("api/v3/admin/license-sync/export");
    assertEquals(200, export.status(), export.toString());
    Enterprise enterprise = newEnterprise();
    Api owner = anonymous.withToken(enterprise.ownerToken());
    String before = state(owner, enterprise.slug());

    ObjectNode backdated = (ObjectNode) export.json().deepCopy();
    backdated.put(
        "exported_at",
        Instant.parse(backdated.get("exported_at").asText()).minusSeconds(3600).toString());
    assertRefused(
        addServerUsage(owner, enterprise.slug(), backdated.toString()),
        422,
        "exported_at differs from the signed content");
    assertEquals(before, state(owner, enterprise.slug()));

    ObjectNode otherVersion = (ObjectNode) export.json().deepCopy();
    otherVersion.put("version", "9.9.9");
    assertRefused(
        addServerUsage(owner, enterprise.slug(), otherVersion.toString()),
        422,
        "version differs from the signed content");

    ObjectNode withoutTime = (ObjectNode) export.json().deepCopy();
    withoutTime.remove("exported_at");
    Reply timeless = addServerUsage(owner, enterprise.slug(), withoutTime.toString());
    assertRefused(timeless, 422, "exported_at is missing");
    assertEquals(before, state(owner, enterprise.slug()));

    assertEquals(
        201,
        addServerUsage(owner, enterprise.slug(), export.body()).status(),
        "the file as exported is accepted");
  }

  @Test
  void theEmbeddedDatabasesFilesAreReadableByTheirOwnerOnly() throws IOException {
    String url = System.getProperty("it.datasource.url", "");
    if (!url.startsWith("jdbc:h2:file:")) {
      return; // PostgreSQL keeps its own files
    }
    Path file = Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]);
    assertEquals(200, admin.get("api/v3/users?per_page=1").status(), "the database is open");
    Path database = file.resolveSibling(file.getFileName() + ".mv.db");
    assertTrue(Files.isRegularFile(database), database.toString());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(database)),
        database.toString());
    try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
      files
          .filter(
              f ->
                  f.getFileName().toString().startsWith(file.getFileName() + ".")
                      && f.getFileName().toString().endsWith(".mv.db"))
          .forEach(f -> assertFalse(permissions(f).contains("r--"), f.toString()));
    }
  }

  // what the tests share

  record Enterprise(String slug, String ownerToken) {}

  /** A new account that has signed in once; answers its own token. */
  private String newUser(String login) {
    Reply created =
        admin.post(
            "api/v3/admin/users",
            "{\"login\":\"" + login + "\",\"email\":\"" + login + "@personal.example\"}");
    assertEquals(201, created.status(), created.toString());
    String token =
        admin
            .post("api/v3/admin/users/" + login + "/authorizations", "{}")
            .json()
            .get("token")
            .asText();
    assertEquals(200, anonymous.withToken(token).get("api/v3/user").status());
    // impersonation is not the person's own activity: she signs in once as the users report records
    // it
    io.licensesync.testing.ServerUsers.activeNow(admin, login);
    return token;
  }

  private Enterprise newEnterprise() {
    String slug = "pd-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"seats_purchased\":50,\"owner\":{\"login\":\"owner\",\"emails\":[{\"email\":\"owner@"
                    + slug
                    + ".example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return new Enterprise(slug, created.json().get("owner_token").asText());
  }

  private static String consumed(Api owner, String slug) {
    return owner.get("cloud/api/enterprises/" + slug + "/consumed-licenses?per_page=100").body();
  }

  private static String state(Api owner, String slug) {
    return consumed(owner, slug)
        + owner.get("cloud/api/enterprises/" + slug + "/server-instances").body();
  }

  private static Reply upload(Api instance, String slug, String serverId, Instant generatedAt) {
    String uploadId = UUID.randomUUID().toString();
    String document =
        new String(
            document(uploadId, serverId, "ghe.future.example", generatedAt),
            StandardCharsets.UTF_8);
    return instance.send(
        "PUT",
        io.licensesync.testing.UsageDocs.uploadPath(slug, serverId, uploadId),
        "application/json",
        document);
  }

  private static byte[] document(
      String uploadId, String serverId, String hostname, Instant generatedAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LicenseUsageDocument.Metadata metadata =
        new LicenseUsageDocument.Metadata(
            uploadId, serverId, hostname, "3.17.0", null, null, List.of(), generatedAt);
    try (LicenseUsageWriter writer = new LicenseUsageWriter(out, metadata)) {
      writer.account(
          new LicenseUsageDocument.Account(
              1, List.of(new LicenseUsageDocument.Email(uploadId + "@future.example", true))));
    }
    return out.toByteArray();
  }

  /** A file a Server could have exported, signed by a new instance key, not encrypted. */
  private static String signedFile(String serverId, Instant exportedAt, Instant generatedAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedExportFile.write(
        out,
        new SignedExportFile.Header(serverId, "ghe.file.example", "3.17.0", exportedAt, null),
        document("export-" + UUID.randomUUID(), serverId, "ghe.file.example", generatedAt),
        SignedExportFile.newKey(KeyUse.SIGNATURE),
        Optional.empty());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Reply addServerUsage(Api owner, String slug, String file) {
    return owner.send(
        "POST",
        "cloud/api/enterprises/" + slug + "/server-usage-uploads",
        "application/json",
        file);
  }

  private static void assertRefused(Reply reply, int status, String says) {
    assertEquals(status, reply.status(), reply.toString());
    assertTrue(
        reply.json().toString().contains(says), "the refusal says '" + says + "': " + reply.json());
  }

  private static String permissions(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
