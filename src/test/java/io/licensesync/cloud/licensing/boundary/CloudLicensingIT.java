package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Contracts;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.Metrics;
import io.licensesync.testing.UsageDocs;
import io.licensesync.wire.LicenseUsageDocument;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
 * The Cloud role over HTTP: an operator creates enterprises, owners provision members and connect
 * Server instances, instances upload their usage, and owners read consumed licenses, the sync
 * status and the CSV report — bodies validated against the real API's schemas.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloudLicensingIT {

  static final String OPERATOR = "it-operator-" + UUID.nameUUIDFromBytes("cloud".getBytes());
  static final long MAX_UPLOAD = 100_000;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(
        Map.of(
            "licensesync.cloud.operator-token",
            OPERATOR,
            "licensesync.cloud.upload.max-bytes",
            Long.toString(MAX_UPLOAD)));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api operator;
  private String slug;
  private Api owner;

  @BeforeEach
  void createEnterprise() {
    anonymous = Api.at(base);
    operator = anonymous.withToken(OPERATOR);
    slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    owner = anonymous.withToken(createEnterprise(slug, 50));
  }

  private String createEnterprise(String slug, int seats) {
    Reply created =
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\""
                + slug
                + "\",\"name\":\"Acme\",\"seats_purchased\":"
                + seats
                + ",\"verified_domains\":[\"acme.example\"],"
                + "\"owner\":{\"login\":\"boss\",\"name\":\"The Boss\",\"emails\":[{\"email\":\"boss@acme.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("owner_token").asText();
  }

  private String path(String rest) {
    return "cloud/api/enterprises/" + slug + rest;
  }

  private void provision(String json) {
    Reply reply = owner.post(path("/members"), json);
    assertEquals(200, reply.status(), reply.toString());
  }

  private String connect(String serverId, String hostname) {
    Reply reply =
        owner.post(
            path("/server-instances"),
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\""
                + hostname
                + "\",\"version\":\"3.17.0\"}");
    assertEquals(201, reply.status(), reply.toString());
    assertTrue(reply.json().get("credential").asText().startsWith("lsi_"));
    return reply.json().get("credential").asText();
  }

  static String document(
      String uploadId,
      String serverId,
      String hostname,
      Instant generatedAt,
      List<LicenseUsageDocument.Account> accounts) {
    return UsageDocs.document(uploadId, serverId, hostname, generatedAt, accounts);
  }

  static LicenseUsageDocument.Account account(long id, String primary, String... others) {
    return UsageDocs.account(id, primary, others);
  }

  private Reply upload(String credential, String serverId, String uploadId, String document) {
    return anonymous
        .withToken(credential)
        .send(
            "PUT",
            path("/server-instances/" + serverId + "/license-usage-uploads/" + uploadId),
            "application/json",
            document);
  }

  private Reply upload(
      String credential,
      String serverId,
      String hostname,
      List<LicenseUsageDocument.Account> accounts) {
    String uploadId = UUID.randomUUID().toString();
    return upload(
        credential,
        serverId,
        uploadId,
        document(uploadId, serverId, hostname, Instant.now(), accounts));
  }

  private JsonNode consumed(String query) {
    Reply reply = owner.get(path("/consumed-licenses" + query));
    assertEquals(200, reply.status(), reply.toString());
    Contracts.assertValid("ghec_schema_get-consumed-licenses.json", reply.json());
    return reply.json();
  }

  private JsonNode status() {
    Reply reply = owner.get(path("/license-sync-status"));
    assertEquals(200, reply.status(), reply.toString());
    Contracts.assertValid("ghec_schema_get-license-sync-status.json", reply.json());
    return reply.json();
  }

  private static JsonNode user(JsonNode page, String login) {
    for (JsonNode user : page.get("users")) {
      if (user.get("github_com_login").asText().equals(login)) {
        return user;
      }
    }
    throw new AssertionError(login + " not in " + page);
  }

  private static void assertError(Reply reply, int status, String message) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(message, reply.json().get("message").asText());
    assertTrue(reply.json().has("documentation_url"));
  }

  @Test
  @Tag("smoke")
  void withoutACredential401AndForAnotherEnterprisesOwner404() {
    assertError(anonymous.get(path("/consumed-licenses")), 401, "Requires authentication");
    assertError(anonymous.get(path("/license-sync-status")), 401, "Requires authentication");
    assertError(
        anonymous.withToken("lsc_nope").get(path("/consumed-licenses")), 401, "Bad credentials");
    Api otherOwner = anonymous.withToken(createEnterprise(slug + "-other", 5));
    assertError(otherOwner.get(path("/consumed-licenses")), 404, "Not Found");
    assertError(otherOwner.get(path("/license-sync-status")), 404, "Not Found");
    assertError(otherOwner.get(path("/members")), 404, "Not Found");
    assertError(
        owner.get("cloud/api/enterprises/no-such-enterprise/consumed-licenses"), 404, "Not Found");
    assertError(
        owner.post("cloud/api/enterprises", "{\"slug\":\"mine\"}"),
        403,
        "Must be the Cloud operator.");
  }

  /**
   * An owner's token is looked up on every request with a plain read (no cache): a change of the
   * holder's role, of the enterprise or of the member itself shows on the very next request.
   */
  @Test
  void anOwnersTokenFollowsTheirRoleAndTheirEnterpriseFromTheNextRequest() {
    provision("[{\"login\":\"deputy\",\"enterprise_role\":\"owner\"}]");
    Reply issued = owner.post(path("/owners/deputy/tokens"), "{\"note\":\"the deputy's\"}");
    assertEquals(201, issued.status(), issued.toString());
    Api deputy = anonymous.withToken(issued.json().get("token").asText());
    assertEquals(0, status().get("server_instances").size(), "no instance yet");
    assertEquals(50, consumedAs(deputy).get("total_seats_purchased").asInt());

    Reply more = operator.send("PATCH", path(""), "application/json", "{\"seats_purchased\":60}");
    assertEquals(200, more.status(), more.toString());
    assertEquals(60, consumedAs(deputy).get("total_seats_purchased").asInt(), "the new purchase");

    provision("[{\"login\":\"deputy\",\"enterprise_role\":\"member\"}]");
    assertError(deputy.get(path("/consumed-licenses")), 404, "Not Found");
    assertError(deputy.get(path("/license-sync-status")), 404, "Not Found");
    assertEquals(200, owner.get(path("/license-sync-status")).status(), "the other owner still");

    assertEquals(204, owner.delete(path("/members/deputy")).status());
    assertError(deputy.get(path("/license-sync-status")), 401, "Bad credentials");
  }

  private JsonNode consumedAs(Api caller) {
    Reply reply = caller.get(path("/consumed-licenses"));
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  @Test
  void theOperatorCreatesEnterprisesAndRefusesBadOnes() {
    JsonNode enterprise = owner.get(path("")).json();
    assertEquals(slug, enterprise.get("slug").asText());
    assertEquals(50, enterprise.get("seats_purchased").asInt());
    assertError(
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\"" + slug + "\",\"seats_purchased\":1,\"owner\":{\"login\":\"x\"}}"),
        422,
        "Validation Failed");
    assertError(
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\"Bad Slug\",\"seats_purchased\":1,\"owner\":{\"login\":\"x\"}}"),
        422,
        "Validation Failed");
    assertError(
        operator.post(
            "cloud/api/enterprises", "{\"slug\":\"no-owner-" + slug + "\",\"seats_purchased\":1}"),
        422,
        "Validation Failed");
    assertError(operator.post("cloud/api/enterprises", "{\"slug\":"), 400, "Problems parsing JSON");
    assertEquals(404, owner.get("cloud/api/enterprises/no-owner-" + slug).status());
  }

  @Test
  void ownersProvisionMembersAllOrNothingAsJsonOrCsv() {
    provision(
        "[{\"login\":\"mona\",\"emails\":[{\"email\":\"mona@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]");
    Reply bad =
        owner.post(
            path("/members"),
            "[{\"login\":\"ok-member\",\"enterprise_role\":\"member\"},{\"login\":\"-bad\",\"enterprise_role\":\"member\"}]");
    assertError(bad, 422, "Validation Failed");
    assertEquals("[1]", bad.json().get("errors").get(0).get("field").asText());
    Reply csv =
        owner.send(
            "POST",
            path("/members"),
            "text/csv",
            "login,name,emails,unverified_emails,saml_name_id,enterprise_role,org_roles,pending_invites,private_repo_access,two_factor\n"
                + "hubot,Hubot,hubot@acme.example,,,billing_manager,,,false,false\n");
    assertEquals(200, csv.status(), csv.toString());
    assertEquals(1, csv.json().get("created").asInt());
    JsonNode members = owner.get(path("/members")).json();
    List<String> logins = new ArrayList<>();
    members.forEach(m -> logins.add(m.get("login").asText()));
    assertEquals(List.of("boss", "hubot", "mona"), logins);
    assertFalse(members.get(1).get("consumes_cloud_seat").asBoolean(), "billing manager");
    assertTrue(members.get(2).get("consumes_cloud_seat").asBoolean());
    assertTrue(members.get(2).get("emails").get(0).get("verified_domain").asBoolean());
    assertError(
        owner.post(
            path("/members"),
            "[{\"login\":\"nova\",\"enterprise_role\":\"member\"},"
                + "{\"login\":\"boss\",\"enterprise_role\":\"member\"}]"),
        422,
        "Validation Failed");
    assertEquals(
        3, owner.get(path("/members")).json().size(), "the new member of the refused batch is not");
    assertEquals(204, owner.delete(path("/members/hubot")).status());
    assertEquals(404, owner.delete(path("/members/hubot")).status());
  }

  @Test
  @Tag("smoke")
  void eachPersonConsumesOneLicenseAcrossServersAndTheCloud() {
    provision(
        "["
            + "{\"login\":\"mona\",\"name\":\"Mona\",\"emails\":[{\"email\":\"Mona@Acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Owner\"],\"two_factor\":true},"
            + "{\"login\":\"ada\",\"emails\":[{\"email\":\"ada@acme.example\",\"verified\":false}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
            + "{\"login\":\"aaron\",\"emails\":[{\"email\":\"linus@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
            + "{\"login\":\"linus\",\"saml_name_id\":\"linus@acme.example\",\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"],\"pending_invites\":[\"docs\"]}"
            + "]");
    String a = connect("srv-a-" + slug, "ghe-a.acme.example");
    String b = connect("srv-b-" + slug, "ghe-b.acme.example");
    assertEquals(
        201,
        upload(
                a,
                "srv-a-" + slug,
                "ghe-a.acme.example",
                List.of(
                    account(1, "mona@acme.example"),
                    account(2, "ADA@acme.example"),
                    account(3, "linus@acme.example"),
                    account(4, "hubot@robots.example")))
            .status());
    assertEquals(
        201,
        upload(
                b,
                "srv-b-" + slug,
                "ghe-b.acme.example",
                List.of(account(10, " mona@ACME.example "), account(11, "hubot@robots.example")))
            .status());

    JsonNode page = consumed("?per_page=100");
    // people: aaron, ada, linus, mona (members who consume), ada's Server account (unverified
    // email), hubot
    assertEquals(6, page.get("total_seats_consumed").asInt());
    assertEquals(50, page.get("total_seats_purchased").asInt());
    JsonNode mona = user(page, "mona");
    assertEquals(
        List.of("ghe-a.acme.example:1", "ghe-b.acme.example:10"),
        texts(mona.get("enterprise_server_user_ids")));
    assertEquals(3, mona.get("total_user_accounts").asInt());
    assertTrue(mona.get("github_com_user").asBoolean());
    assertTrue(mona.get("enterprise_server_user").asBoolean());
    assertEquals(
        List.of("Mona@Acme.example"), texts(mona.get("github_com_verified_domain_emails")));
    assertEquals(List.of("acme:Owner"), texts(mona.get("github_com_member_roles")));
    assertEquals(List.of("member"), texts(mona.get("github_com_enterprise_roles")));
    assertTrue(mona.get("github_com_two_factor_auth").asBoolean());
    assertEquals("enterprise", mona.get("license_type").asText());
    assertTrue(mona.get("github_com_profile").asText().endsWith("/mona"));

    assertEquals(
        List.of("ghe-a.acme.example:3"),
        texts(user(page, "linus").get("enterprise_server_user_ids")),
        "the NameID wins");
    assertEquals(List.of(), texts(user(page, "aaron").get("enterprise_server_user_ids")));
    assertEquals(
        List.of("docs"), texts(user(page, "linus").get("github_com_orgs_with_pending_invites")));
    assertEquals(
        List.of(),
        texts(user(page, "ada").get("enterprise_server_user_ids")),
        "an unverified email never matches");

    JsonNode hubot = serverOnly(page, "hubot@robots.example");
    assertEquals(
        List.of("ghe-a.acme.example:4", "ghe-b.acme.example:11"),
        texts(hubot.get("enterprise_server_user_ids")));
    assertFalse(hubot.get("github_com_user").asBoolean());
    assertEquals("", hubot.get("github_com_login").asText());
    assertEquals(2, hubot.get("total_user_accounts").asInt());
    assertTrue(hubot.get("github_com_two_factor_auth").isNull());
  }

  private static JsonNode serverOnly(JsonNode page, String email) {
    for (JsonNode user : page.get("users")) {
      if (user.get("github_com_login").asText().isEmpty()
          && texts(user.get("enterprise_server_emails")).contains(email)) {
        return user;
      }
    }
    throw new AssertionError(email + " not in " + page);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * A week's upload that changes a few of its instance's accounts (one gone, one now with a
   * member's email, one new without email) is applied by what changed, and only the people those
   * accounts touch are matched again: the page and the upload's changes say what matching everyone
   * would, and the people it did not touch stay as they were.
   */
  @Test
  void anUploadChangingAFewAccountsMovesOnlyThePeopleTheyTouch() {
    provision(
        "[{\"login\":\"mona\",\"emails\":[{\"email\":\"mona@acme.example\",\"verified\":true}],"
            + "\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]");
    String serverId = "srv-w-" + slug;
    String credential = connect(serverId, "ghe-w.acme.example");
    List<LicenseUsageDocument.Account> week = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      week.add(account(i, "user" + i + "@ghe.example"));
    }
    week.add(account(41, "Mona@acme.example"));
    assertEquals(201, upload(credential, serverId, "ghe-w.acme.example", week).status());
    // mona and 40 people of the Server alone (and the owner, if the rules count the owner)
    int before = consumed("?per_page=100").get("total_seats_consumed").asInt();
    assertTrue(before >= 41, "people before: " + before);

    week.remove(0);
    week.set(0, account(2, "mona@ACME.example"));
    week.add(new LicenseUsageDocument.Account(42, List.of()));
    assertEquals(201, upload(credential, serverId, "ghe-w.acme.example", week).status());

    JsonNode page = consumed("?per_page=100");
    // user1 and user2 no longer on their own, account 42 a person of its own
    assertEquals(before - 1, page.get("total_seats_consumed").asInt(), page.toString());
    assertEquals(
        List.of("ghe-w.acme.example:2", "ghe-w.acme.example:41"),
        texts(user(page, "mona").get("enterprise_server_user_ids")));
    assertEquals(
        List.of("ghe-w.acme.example:3"),
        texts(serverOnly(page, "user3@ghe.example").get("enterprise_server_user_ids")));
    int withoutEmail = 0;
    for (JsonNode user : page.get("users")) {
      List<String> ids = texts(user.get("enterprise_server_user_ids"));
      assertFalse(ids.contains("ghe-w.acme.example:1"), "account 1 is gone: " + user);
      if (ids.equals(List.of("ghe-w.acme.example:42"))) {
        withoutEmail++;
        assertEquals(List.of(), texts(user.get("enterprise_server_emails")));
      }
    }
    assertEquals(1, withoutEmail, "account 42 is a person of its own");
    JsonNode latest = owner.get(path("/upload-changes")).json().get(0);
    assertEquals(41, latest.get("accounts").asInt(), latest.toString());
    assertTrue(latest.get("compared").asBoolean(), latest.toString());
    assertEquals(1, latest.get("newly_consuming").asInt(), "account 42: " + latest);
    assertEquals(1, latest.get("no_longer_consuming").asInt(), "account 1: " + latest);
    assertEquals(1, latest.get("newly_matched").asInt(), "account 2: " + latest);
    assertEquals(0, latest.get("unmatched").asInt(), latest.toString());
  }

  @Test
  void aMemberChangeRematchesWithoutAnUpload() {
    String credential = connect("srv-" + slug, "ghe.acme.example");
    upload(
        credential, "srv-" + slug, "ghe.acme.example", List.of(account(5, "grace@acme.example")));
    assertEquals(
        1,
        consumed("").get("total_seats_consumed").asInt(),
        "the owner is outside every organization");
    provision(
        "[{\"login\":\"grace\",\"emails\":[{\"email\":\"GRACE@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]");
    JsonNode page = consumed("");
    assertEquals(1, page.get("total_seats_consumed").asInt());
    assertEquals(
        List.of("ghe.acme.example:5"),
        texts(user(page, "grace").get("enterprise_server_user_ids")));
  }

  @Test
  @Tag("smoke")
  void anUploadResentIsAppliedOnceAndABadOneChangesNothingButIsRecorded() {
    String serverId = "srv-" + slug;
    String credential = connect(serverId, "ghe.acme.example");
    JsonNode before = status().get("server_instances").get(0);
    assertEquals(serverId, before.get("server_id").asText());
    assertEquals(
        "pending", before.get("last_sync").get("status").asText(), "connected, never synced");
    assertEquals("", before.get("last_sync").get("date").asText());

    String uploadId = UUID.randomUUID().toString();
    String doc =
        document(
            uploadId,
            serverId,
            "ghe.acme.example",
            Instant.now(),
            List.of(account(1, "a@x.example"), account(2, "b@x.example")));
    Reply first = upload(credential, serverId, uploadId, doc);
    assertEquals(201, first.status(), first.toString());
    assertEquals(2, first.json().get("accounts_accepted").asInt());
    assertEquals(0, first.json().get("seats_consumed_before").asInt());
    assertEquals(2, first.json().get("seats_consumed_after").asInt());
    JsonNode synced = status().get("server_instances").get(0).get("last_sync");
    assertEquals("success", synced.get("status").asText());
    assertEquals("", synced.get("error").asText());
    assertFalse(synced.get("date").asText().isEmpty());

    Reply again = upload(credential, serverId, uploadId, doc);
    assertEquals(200, again.status(), again.toString());
    assertFalse(again.json().get("applied").asBoolean());
    assertEquals(2, consumed("").get("total_seats_consumed").asInt());

    String badId = UUID.randomUUID().toString();
    Reply bad =
        upload(
            credential,
            serverId,
            badId,
            document(
                    badId,
                    serverId,
                    "ghe.acme.example",
                    Instant.now(),
                    List.of(account(1, "a@x.example"), account(3, "c@x.example")))
                .replace("c@x.example", "not-an-email"));
    assertError(bad, 422, "Validation Failed");
    assertEquals(2, consumed("").get("total_seats_consumed").asInt(), "nothing changed");
    JsonNode failed = status().get("server_instances").get(0).get("last_sync");
    assertEquals("failure", failed.get("status").asText());
    assertTrue(
        failed.get("error").asText().contains("accounts[1].emails[0] is not an email address"),
        failed.toString());

    String otherId = UUID.randomUUID().toString();
    assertError(
        upload(
            credential,
            serverId,
            otherId,
            document(otherId, "someone-else", "h", Instant.now(), List.of())),
        422,
        "Validation Failed");
    assertError(upload(credential, serverId, "x", "{not json"), 422, "Validation Failed");
    String oldId = UUID.randomUUID().toString();
    assertError(
        upload(
            credential,
            serverId,
            oldId,
            document(
                oldId,
                serverId,
                "ghe.acme.example",
                Instant.parse("2020-01-01T00:00:00Z"),
                List.of())),
        409,
        "This usage was generated before the usage already applied for this instance; nothing changed.");
    assertEquals(2, consumed("").get("total_seats_consumed").asInt());

    Reply replaced =
        upload(credential, serverId, "ghe.acme.example", List.of(account(1, "a@x.example")));
    assertEquals(201, replaced.status());
    assertEquals(
        1, consumed("").get("total_seats_consumed").asInt(), "a new snapshot replaces the old one");
    assertEquals(
        "success", status().get("server_instances").get(0).get("last_sync").get("status").asText());
  }

  @Test
  void anUploadOverTheLimitIs413AndChangesNothing() {
    String serverId = "srv-" + slug;
    String credential = connect(serverId, "ghe.acme.example");
    upload(credential, serverId, "ghe.acme.example", List.of(account(1, "a@x.example")));
    List<LicenseUsageDocument.Account> many = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      many.add(account(i, "user" + i + "@x.example"));
    }
    String uploadId = UUID.randomUUID().toString();
    String doc = document(uploadId, serverId, "ghe.acme.example", Instant.now(), many);
    assertTrue(doc.length() > MAX_UPLOAD);
    Reply refused =
        anonymous
            .withToken(credential)
            .send(
                "PUT",
                path("/server-instances/" + serverId + "/license-usage-uploads/" + uploadId),
                "application/json",
                doc,
                "application/json",
                true);
    assertError(refused, 413, "The upload is larger than the limit of " + MAX_UPLOAD + " bytes");
    assertEquals(1, consumed("").get("total_seats_consumed").asInt());
    assertEquals(
        "failure", status().get("server_instances").get(0).get("last_sync").get("status").asText());
  }

  @Test
  void onlyTheInstanceItselfUploadsAndItCannotReadLicenses() {
    String credential = connect("srv-" + slug, "ghe.acme.example");
    String other = connect("srv2-" + slug, "ghe2.acme.example");
    assertEquals(404, upload(other, "srv-" + slug, "ghe.acme.example", List.of()).status());
    assertEquals(401, upload("lsi_wrong", "srv-" + slug, "ghe.acme.example", List.of()).status());
    assertEquals(
        404,
        owner
            .send(
                "PUT",
                path("/server-instances/srv-" + slug + "/license-usage-uploads/u1"),
                "application/json",
                "{}")
            .status());
    assertEquals(404, anonymous.withToken(credential).get(path("/consumed-licenses")).status());
  }

  @Test
  void disconnectingRemovesTheInstanceAndItsUsage() {
    String serverId = "srv-" + slug;
    String credential = connect(serverId, "ghe.acme.example");
    upload(
        credential,
        serverId,
        "ghe.acme.example",
        List.of(account(1, "a@x.example"), account(2, "b@x.example")));
    assertEquals(2, consumed("").get("total_seats_consumed").asInt());
    assertEquals(204, owner.delete(path("/server-instances/" + serverId)).status());
    assertEquals(0, consumed("").get("total_seats_consumed").asInt());
    assertEquals(0, status().get("server_instances").size());
    assertEquals(
        401,
        upload(credential, serverId, "ghe.acme.example", List.of()).status(),
        "its credential is gone");
  }

  @Test
  void consumedLicensesArePagedWithGitHubsLinkHeaderAtTheEdges() {
    Reply empty = owner.get(path("/consumed-licenses"));
    assertEquals(0, empty.json().get("users").size());
    assertFalse(empty.header("Link").isPresent());

    String serverId = "srv-" + slug;
    String credential = connect(serverId, "ghe.acme.example");
    List<LicenseUsageDocument.Account> accounts = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      accounts.add(account(i, String.format("person%03d@x.example", i)));
    }
    upload(credential, serverId, "ghe.acme.example", accounts);
    Reply exactly100 = owner.get(path("/consumed-licenses?per_page=100"));
    assertEquals(100, exactly100.json().get("users").size());
    assertFalse(exactly100.header("Link").isPresent());
    assertEquals(30, consumed("").get("users").size(), "per_page defaults to 30");

    accounts.add(account(101, "person101@x.example"));
    upload(credential, serverId, "ghe.acme.example", accounts);
    Reply first = owner.get(path("/consumed-licenses?per_page=100"));
    assertEquals(101, first.json().get("total_seats_consumed").asInt());
    String link = first.header("Link").orElseThrow();
    assertTrue(link.contains("page=2>; rel=\"next\""), link);
    assertTrue(link.contains("page=2>; rel=\"last\""), link);
    assertFalse(link.contains("rel=\"prev\""), link);
    Reply second = owner.get(path("/consumed-licenses?per_page=100&page=2"));
    assertEquals(1, second.json().get("users").size());
    assertEquals(
        "person101@x.example",
        second.json().get("users").get(0).get("enterprise_server_emails").get(0).asText());
    String secondLink = second.header("Link").orElseThrow();
    assertTrue(
        secondLink.contains("page=1>; rel=\"first\"")
            && secondLink.contains("page=1>; rel=\"prev\""),
        secondLink);
    assertFalse(secondLink.contains("rel=\"next\""), secondLink);

    Reply past = owner.get(path("/consumed-licenses?per_page=100&page=5"));
    assertEquals(0, past.json().get("users").size());
    assertEquals(101, past.json().get("total_seats_consumed").asInt());
    assertTrue(past.header("Link").orElseThrow().contains("page=2>; rel=\"prev\""));

    assertEquals(100, consumed("?per_page=500").get("users").size(), "per_page is at most 100");
    assertError(owner.get(path("/consumed-licenses?per_page=0")), 422, "Validation Failed");
    assertError(owner.get(path("/consumed-licenses?page=abc")), 422, "Validation Failed");

    List<String> order = new ArrayList<>();
    consumed("?per_page=100")
        .get("users")
        .forEach(u -> order.add(u.get("enterprise_server_emails").get(0).asText()));
    List<String> sorted = new ArrayList<>(order);
    sorted.sort(String::compareTo);
    assertEquals(sorted, order, "a stable order");
  }

  @Test
  void aPageUnchangedSinceItsETagIs304AndANewUploadChangesTheETag() {
    String serverId = "srv-" + slug;
    String credential = connect(serverId, "ghe.acme.example");
    upload(credential, serverId, "ghe.acme.example", List.of(account(1, "a@x.example")));
    String cacheHits = "licensesync_cloud_page_cache_total{outcome=\"hit\"}";
    double hits = Metrics.sampleOrZero(operator.get("metrics").body(), cacheHits);
    Reply first = owner.get(path("/consumed-licenses"));
    assertEquals(200, first.status(), first.toString());
    String etag = first.header("ETag").orElseThrow();
    Reply again = owner.get(path("/consumed-licenses"));
    assertEquals(etag, again.header("ETag").orElseThrow());
    assertEquals(first.body(), again.body(), "the kept page is the page");
    assertEquals(
        hits + 1,
        Metrics.sample(operator.get("metrics").body(), cacheHits),
        "the second read was answered from the kept body");

    Reply unchanged = owner.getIfNoneMatch(path("/consumed-licenses"), etag);
    assertEquals(304, unchanged.status(), unchanged.toString());
    assertEquals("", unchanged.body());
    assertEquals(
        401, anonymous.getIfNoneMatch(path("/consumed-licenses"), etag).status(), "no credential");
    Api otherOwner = anonymous.withToken(createEnterprise(slug + "-rival", 5));
    assertEquals(
        404,
        otherOwner.getIfNoneMatch(path("/consumed-licenses"), etag).status(),
        "another enterprise's owner");
    assertEquals(
        200,
        owner.getIfNoneMatch(path("/consumed-licenses?page=2"), etag).status(),
        "another page has its own tag");

    upload(
        credential,
        serverId,
        "ghe.acme.example",
        List.of(account(1, "a@x.example"), account(2, "b@x.example")));
    Reply changed = owner.getIfNoneMatch(path("/consumed-licenses"), etag);
    assertEquals(200, changed.status(), "a stale page is never confirmed after an upload");
    assertEquals(2, changed.json().get("total_seats_consumed").asInt());
    Contracts.assertValid("ghec_schema_get-consumed-licenses.json", changed.json());
    assertNotEquals(etag, changed.header("ETag").orElseThrow());

    // the same number of people, other people: still a new version
    String second = changed.header("ETag").orElseThrow();
    upload(
        credential,
        serverId,
        "ghe.acme.example",
        List.of(account(1, "a@x.example"), account(3, "c@x.example")));
    Reply replaced = owner.getIfNoneMatch(path("/consumed-licenses"), second);
    assertEquals(200, replaced.status(), "the same count with other people is a change");
    assertNotEquals(second, replaced.header("ETag").orElseThrow());
    // the body is the new people's, not a page kept from before (pages are kept per version)
    List<String> ids = new ArrayList<>();
    replaced
        .json()
        .get("users")
        .forEach(u -> ids.addAll(texts(u.get("enterprise_server_user_ids"))));
    assertTrue(ids.contains("ghe.acme.example:3"), ids.toString());
    assertFalse(ids.contains("ghe.acme.example:2"), ids.toString());

    // purchased seats change no person but are on the page
    Reply seats = operator.patch("cloud/api/enterprises/" + slug, "{\"seats_purchased\":77}");
    assertEquals(200, seats.status(), seats.toString());
    Reply repriced =
        owner.getIfNoneMatch(path("/consumed-licenses"), replaced.header("ETag").get());
    assertEquals(200, repriced.status(), "new purchased seats are a change");
    assertEquals(77, repriced.json().get("total_seats_purchased").asInt());
    assertEquals(2, repriced.json().get("total_seats_consumed").asInt());
  }

  @Test
  void theCsvReportHasTheSameRows() {
    provision(
        "[{\"login\":\"mona\",\"name\":\"Mona, Lisa\",\"emails\":[{\"email\":\"mona@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]}]");
    String credential = connect("srv-" + slug, "ghe.acme.example");
    upload(
        credential,
        "srv-" + slug,
        "ghe.acme.example",
        List.of(account(1, "mona@acme.example"), account(2, "x@y.example")));
    Reply csv = owner.send("GET", path("/consumed-licenses/report"), null, null, "text/csv", false);
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.header("Content-Type").orElseThrow().startsWith("text/csv"));
    assertTrue(
        csv.header("Content-Disposition").orElseThrow().contains(slug + "-consumed-licenses-"));
    List<CSVRecord> rows = parseCsv(csv.body());
    assertEquals(3, rows.size(), csv.body());
    assertEquals(
        List.of(
            "github_com_login",
            "github_com_name",
            "enterprise_server_user_ids",
            "github_com_user",
            "enterprise_server_user"),
        rows.get(0).toList().subList(0, 5));
    assertEquals(18, rows.get(0).size());
    assertEquals(
        List.of("mona", "Mona, Lisa", "ghe.acme.example:1", "true", "true"),
        rows.get(1).toList().subList(0, 5));
    assertEquals("mona@acme.example", rows.get(1).get(14));
    assertEquals(
        List.of("", "", "ghe.acme.example:2", "false", "true"), rows.get(2).toList().subList(0, 5));
    assertEquals("1", rows.get(2).get(17));
    JsonNode page = consumed("");
    assertEquals(page.get("users").size(), rows.size() - 1, "the same rows as the API");
  }

  @Test
  void uploadsOfSeveralInstancesOfOneEnterpriseAtOnceAreAllAppliedAndCountedOnce()
      throws Exception {
    int instances = 3;
    int accounts = 400;
    List<String> servers = new java.util.ArrayList<>();
    List<String> credentials = new java.util.ArrayList<>();
    for (int i = 0; i < instances; i++) {
      servers.add(UUID.randomUUID().toString());
      credentials.add(connect(servers.get(i), "ghe" + i + ".acme.example"));
    }
    // every instance has the same people (one email each) and some of its own
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(instances);
    try {
      for (int round = 0; round < 3; round++) {
        List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < instances; i++) {
          int instance = i;
          List<LicenseUsageDocument.Account> usage = new java.util.ArrayList<>();
          for (int a = 0; a < accounts; a++) {
            usage.add(account(a + 1, "shared" + a + "@acme.example"));
          }
          usage.add(account(accounts + 1, "only" + instance + "@acme.example"));
          replies.add(
              pool.submit(
                  () ->
                      upload(
                          credentials.get(instance),
                          servers.get(instance),
                          "ghe" + instance + ".acme.example",
                          usage)));
        }
        for (java.util.concurrent.Future<Reply> reply : replies) {
          Reply done = reply.get(2, java.util.concurrent.TimeUnit.MINUTES);
          assertTrue(done.status() / 100 == 2, "round " + round + ": " + done);
        }
        JsonNode page = consumed("?per_page=1");
        // the shared people once, and each instance's own person (the owner is in no organization)
        assertEquals(accounts + instances, page.get("total_seats_consumed").asInt());
      }
    } finally {
      pool.shutdownNow();
    }
    for (JsonNode instance : status().get("server_instances")) {
      assertEquals(
          "success", instance.get("last_sync").get("status").asText(), instance.toString());
    }
  }

  @Test
  void anUploadPathAnswers404ToAnyoneButItsInstanceBeforeTheBodysTypeIsLookedAt() {
    String serverId = UUID.randomUUID().toString();
    String credential = connect(serverId, "ghe.acme.example");
    String other = UUID.randomUUID().toString();
    String otherCredential = connect(other, "ghe2.acme.example");
    String uploadPath =
        path("/server-instances/" + serverId + "/license-usage-uploads/" + UUID.randomUUID());
    for (Api caller : List.of(owner, operator, anonymous.withToken(otherCredential))) {
      Reply reply = caller.send("PUT", uploadPath, "text/plain", "not a usage document");
      assertEquals(404, reply.status(), reply.toString());
    }
    // the instance itself gets the body's type judged: 415
    Reply own =
        anonymous.withToken(credential).send("PUT", uploadPath, "text/plain", "not a document");
    assertEquals(415, own.status(), own.toString());
    assertEquals(
        "pending", status().get("server_instances").get(0).get("last_sync").get("status").asText());
  }

  private static List<CSVRecord> parseCsv(String text) {
    try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
      return parser.getRecords();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
