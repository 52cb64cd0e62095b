package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.Deployments;
import io.licensesync.testing.UsageDocs;
import io.licensesync.wire.LicenseUsageDocument;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Why each seat counts, over HTTP: two Servers upload usage to an enterprise whose members match
 * some accounts by verified email or SAML NameID and miss others (an unverified email, another
 * domain); an owner reads the people, the summary and the likely duplicates, links a duplicate so
 * the person counts once, undoes it, refuses an automatic match, and sees a link go stale. Every
 * endpoint refuses callers without a credential, other enterprises' owners, instances and bad
 * input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PeopleIT {

  static final String OPERATOR = "it-operator-" + UUID.nameUUIDFromBytes("people".getBytes());

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.licenseSync(Map.of("licensesync.cloud.operator-token", OPERATOR));
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private String slug;
  private Api owner;
  private String s1;
  private String s2;
  private String credential1;

  @BeforeEach
  void anEnterpriseWithTwoServers() {
    anonymous = Api.at(base);
    slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    owner = anonymous.withToken(createEnterprise(slug));
    Reply members =
        owner.post(
            path("/members"),
            "["
                + "{\"login\":\"mona\",\"name\":\"Mona Lisa\",\"emails\":[{\"email\":\"mona@acme.example\",\"verified\":true}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
                + "{\"login\":\"hubot\",\"emails\":[{\"email\":\"hubot@acme.example\",\"verified\":false}],\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Member\"]},"
                + "{\"login\":\"lisa\",\"saml_name_id\":\"lisa.saml@acme.example\",\"enterprise_role\":\"member\",\"org_roles\":[\"acme:Owner\"]}"
                + "]");
    assertEquals(200, members.status(), members.toString());
    s1 = UUID.randomUUID().toString();
    s2 = UUID.randomUUID().toString();
    credential1 = connect(s1, "ghe1.acme.example");
    String credential2 = connect(s2, "ghe2.acme.example");
    upload(
        credential1,
        s1,
        "ghe1.acme.example",
        List.of(
            UsageDocs.account(1, "MONA@acme.example"),
            UsageDocs.account(2, "hubot@acme.example"),
            UsageDocs.account(3, "lisa.saml@acme.example"),
            UsageDocs.account(4, "octo@acme.example"),
            UsageDocs.account(6, "mona@oldcorp.example")));
    upload(
        credential2,
        s2,
        "ghe2.acme.example",
        List.of(
            UsageDocs.account(7, "Octo@acme.example"),
            new LicenseUsageDocument.Account(8, List.of())));
  }

  private String createEnterprise(String slug) {
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"name\":\"Acme\",\"seats_purchased\":10,\"verified_domains\":[\"acme.example\"],"
                    + "\"owner\":{\"login\":\"boss\",\"emails\":[{\"email\":\"boss@acme.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return created.json().get("owner_token").asText();
  }

  private String path(String rest) {
    return "cloud/api/enterprises/" + slug + rest;
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
    return reply.json().get("credential").asText();
  }

  private void upload(
      String credential,
      String serverId,
      String hostname,
      List<LicenseUsageDocument.Account> accounts) {
    String uploadId = UUID.randomUUID().toString();
    Reply reply =
        anonymous
            .withToken(credential)
            .send(
                "PUT",
                UsageDocs.uploadPath(slug, serverId, uploadId),
                "application/json",
                UsageDocs.document(uploadId, serverId, hostname, Instant.now(), accounts));
    assertTrue(reply.status() / 100 == 2, reply.toString());
  }

  private JsonNode get(String rest) {
    Reply reply = owner.get(path(rest));
    assertEquals(200, reply.status(), reply.toString());
    return reply.json();
  }

  private int seats() {
    return get("/consumed-licenses").get("total_seats_consumed").asInt();
  }

  private JsonNode personOfMember(String login) {
    for (JsonNode person : get("/people?per_page=100").get("people")) {
      if (login.equals(person.path("member_login").asText(null))) {
        return person;
      }
    }
    throw new AssertionError("no person for member " + login);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(field == null ? n.asText() : n.path(field).asText()));
    return values;
  }

  private static void assertError(Reply reply, int status, String message) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(message, reply.json().get("message").asText(), reply.toString());
    assertTrue(reply.json().has("documentation_url"), reply.toString());
  }

  @Test
  void eachPersonSaysWhereTheyCountHowTheirAccountsMatchedAndWhy() {
    // mona (+1), hubot, lisa (+3), octo (4 and 7), mona@oldcorp (6), hubot@ account (2), no email
    // (8)
    JsonNode all = get("/people?per_page=100");
    assertEquals(7, all.get("total_count").asInt());
    assertEquals(seats(), all.get("total_count").asInt(), "the same count as consumed licenses");

    JsonNode mona = personOfMember("mona");
    assertEquals("both", mona.get("source").asText());
    assertEquals("Mona Lisa", mona.get("name").asText());
    assertEquals("verified_email", mona.get("matched_by").asText());
    JsonNode account = mona.get("server_accounts").get(0);
    assertEquals(s1, account.get("server_id").asText());
    assertEquals("ghe1.acme.example", account.get("hostname").asText());
    assertEquals(1, account.get("user_id").asInt());
    assertEquals(
        List.of("cloud", "server"), texts(mona.get("consumes_because"), "source"), mona.toString());
    assertTrue(mona.get("consumes_because").get(0).get("rule").asText().contains("acme"));

    assertEquals("saml_name_id", personOfMember("lisa").get("matched_by").asText());
    JsonNode hubot = personOfMember("hubot");
    assertEquals("cloud", hubot.get("source").asText());
    assertEquals("none", hubot.get("matched_by").asText());

    JsonNode servers = get("/people?source=server&per_page=100");
    assertEquals(4, servers.get("total_count").asInt());
    JsonNode octo = null;
    for (JsonNode person : servers.get("people")) {
      assertFalse(person.has("login"), "a Server-only person has no login: " + person);
      assertFalse(person.get("identified_by").asText().isEmpty(), person.toString());
      if (person.get("server_accounts").size() == 2) {
        octo = person;
      }
    }
    assertEquals("primary_email", octo.get("matched_by").asText(), "one person on two Servers");
    assertEquals("octo@acme.example", octo.get("identified_by").asText());
    assertTrue(
        texts(servers.get("people"), "identified_by").contains("ghe2.acme.example:8"),
        "an account without email is identified by instance and id");
    assertEquals(2, get("/people?source=both").get("total_count").asInt());
    assertEquals(1, get("/people?source=cloud").get("total_count").asInt());
    assertEquals(
        List.of("mona"),
        texts(get("/people?q=MONA%20LISA").get("people"), "member_login"),
        "q searches names, logins and emails, any case");
    assertEquals(2, get("/people?q=mona").get("total_count").asInt(), "Mona and mona@oldcorp");

    // the detail: a stable id, and the emails that were compared with the outcome
    JsonNode detail = get("/people/" + hubot.get("id").asText());
    assertEquals(hubot.get("id"), detail.get("id"));
    JsonNode compared = detail.get("compared_emails").get(0);
    assertEquals("hubot@acme.example", compared.get("email").asText());
    assertFalse(compared.get("matched").asBoolean());
    assertTrue(compared.get("why").asText().contains("unverified"), compared.toString());
    JsonNode serverSide =
        get(
            "/people/"
                + get("/people?q=hubot%40acme&source=server")
                    .get("people")
                    .get(0)
                    .get("id")
                    .asText());
    assertTrue(
        serverSide
            .get("compared_emails")
            .get(0)
            .get("why")
            .asText()
            .contains("member hubot has this address unverified"),
        serverSide.toString());
    assertEquals(404, owner.get(path("/people/m999999999")).status());

    JsonNode summary = get("/license-summary");
    assertEquals(7, summary.get("total").asInt());
    assertEquals(10, summary.get("purchased").asInt());
    assertEquals(1, summary.get("cloud_only").asInt());
    assertEquals(4, summary.get("server_only").asInt());
    assertEquals(2, summary.get("both").asInt());
    JsonNode ghe1 = summary.get("instances").get(0);
    assertEquals("ghe1.acme.example", ghe1.get("hostname").asText());
    assertEquals(5, ghe1.get("accounts").asInt());
    assertEquals(5, ghe1.get("people").asInt());
    assertEquals(2, ghe1.get("only_here").asInt(), "hubot@ and mona@oldcorp; octo is on both");
    JsonNode ghe2 = summary.get("instances").get(1);
    assertEquals(2, ghe2.get("people").asInt());
    assertEquals(1, ghe2.get("only_here").asInt());
  }

  @Test
  void aPersonCountedTwiceIsOnTheWorklistIsLinkedCountsOnceAndTheLinkIsUndone() {
    int before = seats();
    JsonNode duplicates = get("/likely-duplicates");
    assertEquals(2, duplicates.get("total_count").asInt(), duplicates.toString());
    JsonNode first = duplicates.get("pairs").get(0);
    assertEquals("unverified_email", first.get("evidence").asText());
    assertEquals("hubot", first.get("member_login").asText());
    assertEquals(2, first.get("server_account").get("user_id").asInt());
    assertEquals(0.9, first.get("confidence").asDouble());
    JsonNode second = duplicates.get("pairs").get(1);
    assertEquals("same_local_part", second.get("evidence").asText());
    assertEquals("mona", second.get("member_login").asText());
    assertEquals(
        0.6, second.get("confidence").asDouble(), "mona@acme.example is on a verified domain");

    Reply linked =
        owner.post(
            path("/links"),
            "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"HUBOT\"}");
    assertEquals(201, linked.status(), linked.toString());
    long linkId = linked.json().get("id").asLong();
    assertTrue(linked.header("Location").orElseThrow().endsWith("/links/" + linkId));
    assertEquals(before - 1, seats(), "the person counts once at once");
    JsonNode hubot = personOfMember("hubot");
    assertEquals("manual_link", hubot.get("matched_by").asText());
    assertEquals("both", hubot.get("source").asText());
    assertEquals(1, get("/likely-duplicates").get("total_count").asInt(), "off the worklist");
    assertTrue(hubot.has("counting_since"), hubot.toString());
    JsonNode change = get("/seat-changes").get(0);
    assertTrue(
        change.get("cause").asText().startsWith("link of account 2 and member hubot"),
        change.toString());
    assertEquals(before, change.get("seats_before").asInt());
    assertEquals(before - 1, change.get("seats_after").asInt());
    assertEquals(1, change.get("people_removed").asInt(), "hubot@'s own row is gone");
    JsonNode decisions = get("/people/" + hubot.get("id").asText()).get("decisions");
    assertEquals("link", decisions.get(0).get("kind").asText());
    assertEquals("boss", decisions.get(0).get("created_by").asText());

    // a second link of the same account, or the same pair again, changes nothing
    assertError(
        owner.post(
            path("/links"),
            "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"mona\"}"),
        422,
        "Validation Failed");
    assertError(
        owner.post(
            path("/not-same"),
            "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"hubot\"}"),
        422,
        "Validation Failed");
    assertEquals(1, get("/links").size());

    // a later upload without the account keeps the link, shown stale
    upload(
        credential1, s1, "ghe1.acme.example", List.of(UsageDocs.account(1, "mona@acme.example")));
    JsonNode stale = get("/links").get(0);
    assertTrue(stale.get("stale").asBoolean(), stale.toString());
    assertTrue(stale.get("stale_because").asText().contains("latest usage"));

    assertEquals(204, owner.delete(path("/links/" + linkId)).status());
    assertEquals(0, get("/links").size());
    JsonNode audited = get("/audit-log?action=link.*");
    assertEquals(
        List.of("link.delete", "link.create"), texts(audited, "action"), audited.toString());
    assertEquals("boss", audited.get(1).get("actor").asText());
    assertEquals("hubot", audited.get(1).get("to").asText());
    assertEquals(404, owner.delete(path("/links/" + linkId)).status(), "already gone");
  }

  @Test
  void aRefusalUndoesAnAutomaticMatchUntilItIsRemoved() {
    int before = seats();
    Reply refused =
        owner.post(
            path("/not-same"),
            "{\"server_id\":\"" + s1 + "\",\"user_id\":1,\"member_login\":\"mona\"}");
    assertEquals(201, refused.status(), refused.toString());
    assertEquals(before + 1, seats(), "account 1 counts apart from mona now");
    assertEquals("cloud", personOfMember("mona").get("source").asText());
    assertEquals(
        404,
        owner.delete(path("/links/" + refused.json().get("id").asLong())).status(),
        "a refusal is not a link");
    assertEquals(
        204, owner.delete(path("/not-same/" + refused.json().get("id").asLong())).status());
    assertEquals(before, seats());
    assertEquals("verified_email", personOfMember("mona").get("matched_by").asText());
  }

  @Test
  void badInputIsRefusedWithAClearErrorAndChangesNothing() {
    int before = seats();
    String good = "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"hubot\"}";
    assertError(owner.post(path("/links"), "{"), 400, "Problems parsing JSON");
    assertError(owner.post(path("/links"), "[]"), 400, "Problems parsing JSON");
    for (String body :
        List.of(
            "{\"server_id\":\"" + s1 + "\",\"member_login\":\"hubot\"}",
            "{\"server_id\":\"" + s1 + "\",\"user_id\":\"2\",\"member_login\":\"hubot\"}",
            "{\"server_id\":\"" + s1 + "\",\"user_id\":-1,\"member_login\":\"hubot\"}",
            "{\"server_id\":\"" + s1 + "\",\"user_id\":99,\"member_login\":\"hubot\"}",
            "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"nobody\"}",
            "{\"server_id\":\""
                + s1
                + "\",\"user_id\":2,\"member_login\":\""
                + "x".repeat(65)
                + "\"}",
            "{\"server_id\":\"" + "s".repeat(65) + "\",\"user_id\":2,\"member_login\":\"hubot\"}",
            "{\"server_id\":\"no-such-server\",\"user_id\":2,\"member_login\":\"hubot\"}",
            "{\"server_id\":\"" + s1 + "\\u0000\",\"user_id\":2,\"member_login\":\"hubot\"}")) {
      assertError(owner.post(path("/links"), body), 422, "Validation Failed");
      assertError(owner.post(path("/not-same"), body), 422, "Validation Failed");
    }
    assertEquals(415, owner.send("POST", path("/links"), "text/plain", good).status());
    assertError(owner.get(path("/people?source=elsewhere")), 422, "Validation Failed");
    assertError(owner.get(path("/people?q=" + "a".repeat(400))), 422, "Validation Failed");
    assertError(owner.get(path("/people?page=0")), 422, "Validation Failed");
    assertError(owner.get(path("/likely-duplicates?per_page=x")), 422, "Validation Failed");
    assertError(owner.delete(path("/links/abc")), 422, "Validation Failed");
    assertEquals(0, get("/people?page=999").get("people").size());
    assertEquals(0, get("/links").size());
    assertEquals(0, get("/not-same").size());
    assertEquals(before, seats());
  }

  @Test
  void onlyAnOwnerOfTheEnterpriseMayReadOrDecide() {
    String good = "{\"server_id\":\"" + s1 + "\",\"user_id\":2,\"member_login\":\"hubot\"}";
    Api other =
        anonymous.withToken(
            createEnterprise("other-" + UUID.randomUUID().toString().substring(0, 8)));
    Api instance = anonymous.withToken(credential1);
    Api operator = anonymous.withToken(OPERATOR);
    for (String rest :
        List.of(
            "/people",
            "/people/m1",
            "/license-summary",
            "/likely-duplicates",
            "/links",
            "/not-same",
            "/upload-changes",
            "/upload-changes?server_id=" + s1)) {
      assertError(anonymous.get(path(rest)), 401, "Requires authentication");
      assertError(anonymous.withToken("lsc_wrong").get(path(rest)), 401, "Bad credentials");
      assertError(other.get(path(rest)), 404, "Not Found");
      assertError(instance.get(path(rest)), 404, "Not Found");
      assertError(operator.get(path(rest)), 404, "Not Found");
    }
    assertError(anonymous.post(path("/links"), good), 401, "Requires authentication");
    assertError(other.post(path("/links"), good), 404, "Not Found");
    // who may is decided before the body's type: never 415 first
    assertError(
        anonymous.send("POST", path("/links"), "text/plain", good), 401, "Requires authentication");
    assertError(other.send("POST", path("/links"), "text/plain", good), 404, "Not Found");
    assertError(instance.post(path("/not-same"), good), 404, "Not Found");
    Reply linked = owner.post(path("/links"), good);
    assertEquals(201, linked.status(), linked.toString());
    String link = "/links/" + linked.json().get("id").asLong();
    assertError(other.delete(path(link)), 404, "Not Found");
    assertError(anonymous.delete(path(link)), 401, "Requires authentication");
    assertEquals(1, get("/links").size(), "still there");
  }
}
