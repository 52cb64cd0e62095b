package io.licensesync.web;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every request body is bounded while it is read: oversized bodies, chunked (no Content-Length) or
 * announced, are refused with 413 and change nothing; multipart is refused, unparsed, everywhere
 * but on Add server usage, whose temporary files do not outlive the request; and slow clients
 * trickling bytes do not keep the server from answering others. Raw sockets send what HTTP clients
 * will not.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// HTTP and access only, no SQL of its own: CI runs it once, on H2 (docs/testing.md)
@Tag("database-independent")
class BodyLimitsIT {

  static final String OPERATOR = "it-operator-" + UUID.nameUUIDFromBytes("body-limits".getBytes());
  static final long SMALL = 1_048_576;
  static final long MEMBERS = 2 * 1_048_576;

  /** Where this deployment's uploads wait on disk (its context temporary directory). */
  static final Path UPLOAD_TEMP =
      Paths.get(
              System.getProperty("it.buildDirectory", "target"),
              "body-limits-tmp-" + UUID.randomUUID())
          .toAbsolutePath();

  @Deployment(testable = false)
  static WebArchive deployment() throws IOException {
    Files.createDirectories(UPLOAD_TEMP);
    WebArchive war =
        Deployments.licenseSync(
            Map.of(
                "licensesync.cloud.operator-token",
                OPERATOR,
                "licensesync.cloud.members.max-bytes",
                Long.toString(MEMBERS),
                "licensesync.http.body-timeout",
                "PT5S"));
    // Payara: the context temporary directory, where multipart parts above the threshold are
    // written
    war.delete("WEB-INF/glassfish-web.xml");
    war.add(
        new StringAsset(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<glassfish-web-app><context-root>/</context-root>"
                + "<class-loader delegate=\"false\"/><property name=\"tempdir\" value=\""
                + UPLOAD_TEMP
                + "\"/></glassfish-web-app>"),
        "WEB-INF/glassfish-web.xml");
    return war;
  }

  @ArquillianResource URL base;

  private Api anonymous;
  private Api admin;
  private String adminToken;

  @BeforeEach
  void signIn() {
    anonymous = Api.at(base);
    adminToken = anonymous.createToken(ADMIN, ADMIN_PASSWORD);
    admin = anonymous.withToken(adminToken);
  }

  private record Enterprise(String slug, String token) {}

  private Enterprise newEnterprise() {
    String slug = "limits-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        anonymous
            .withToken(OPERATOR)
            .post(
                "cloud/api/enterprises",
                "{\"slug\":\""
                    + slug
                    + "\",\"name\":\"Limits\",\"seats_purchased\":10,\"verified_domains\":[\"limits.example\"],"
                    + "\"owner\":{\"login\":\"boss\",\"name\":\"The Boss\",\"emails\":[{\"email\":\"boss@limits.example\",\"verified\":true}]}}");
    assertEquals(201, created.status(), created.toString());
    return new Enterprise(slug, created.json().get("owner_token").asText());
  }

  private int members(Enterprise e) {
    Reply reply =
        anonymous.withToken(e.token()).get("cloud/api/enterprises/" + e.slug() + "/members");
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().size();
  }

  private long totalUsers() {
    return admin.get("api/v3/enterprise/stats/users").json().get("total_users").asLong();
  }

  private static void assertTooLarge(RawReply reply, long limit) {
    assertEquals(413, reply.status(), reply.toString());
    JsonNode body = reply.json();
    assertEquals(
        "The request body is larger than the limit of " + limit + " bytes; nothing changed.",
        body.get("message").asText());
    assertTrue(
        Contracts.isDocumentationUrl(body.get("documentation_url").asText()), reply.toString());
    assertFalse(reply.body().contains("Exception"), reply.body());
  }

  /** A JSON array of valid members, at least {@code size} bytes long. */
  private static String membersJson(String prefix, long size) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; json.length() < size; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"login\":\"")
          .append(prefix)
          .append(i)
          .append("\",\"name\":\"Member ")
          .append(i)
          .append("\",\"emails\":[{\"email\":\"")
          .append(prefix)
          .append(i)
          .append("@limits.example\",\"verified\":true}],")
          .append("\"enterprise_role\":\"member\",\"org_roles\":[\"limits:Member\"]}");
    }
    return json.append("]").toString();
  }

  private static String membersCsv(String prefix, long size) {
    StringBuilder csv =
        new StringBuilder(
            "login,name,emails,unverified_emails,saml_name_id,enterprise_role,org_roles,pending_invites,private_repo_access,two_factor\n");
    for (int i = 0; csv.length() < size; i++) {
      csv.append(prefix)
          .append(i)
          .append(",Member ")
          .append(i)
          .append(',')
          .append(prefix)
          .append(i)
          .append("@limits.example,,,member,limits:Member,,false,false\n");
    }
    return csv.toString();
  }

  @Test
  void aChunkedMembersListOverItsLimitIs413AndProvisionsNobody() {
    Enterprise e = newEnterprise();
    int before = members(e);
    String prefix = "m-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    RawReply json =
        raw("POST", "cloud/api/enterprises/" + e.slug() + "/members", e.token(), "application/json")
            .chunked(membersJson(prefix, 3 * MEMBERS).getBytes(StandardCharsets.UTF_8));
    assertTooLarge(json, MEMBERS);

    RawReply csv =
        raw("POST", "cloud/api/enterprises/" + e.slug() + "/members", e.token(), "text/csv")
            .chunked(membersCsv(prefix, 3 * MEMBERS).getBytes(StandardCharsets.UTF_8));
    assertTooLarge(csv, MEMBERS);

    RawReply announced =
        raw("POST", "cloud/api/enterprises/" + e.slug() + "/members", e.token(), "application/json")
            .withLength(200L * 1024 * 1024, new byte[0]);
    assertTooLarge(announced, MEMBERS);

    assertEquals(before, members(e), "nobody was provisioned");
  }

  @Test
  void aMembersListUnderItsOwnLimitButOverTheSmallDefaultIsRead() {
    Enterprise e = newEnterprise();
    int before = members(e);
    // an empty list, padded past the small default but within the members limit
    byte[] list =
        ("[" + " ".repeat((int) (SMALL + SMALL / 2)) + "]").getBytes(StandardCharsets.UTF_8);
    RawReply reply =
        raw("POST", "cloud/api/enterprises/" + e.slug() + "/members", e.token(), "application/json")
            .chunked(list);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals(before, members(e));
  }

  @Test
  void anOversizedAdminUsersBodyIs413ChunkedOrAnnouncedAndCreatesNobody() {
    long before = totalUsers();
    String login = uniqueLogin("big");
    byte[] body =
        ("{\"login\":\""
                + login
                + "\",\"email\":\""
                + login
                + "@limits.example\",\"note\":\""
                + "x".repeat((int) SMALL)
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertTooLarge(
        raw("POST", "api/v3/admin/users", adminToken, "application/json").chunked(body), SMALL);
    assertTooLarge(
        raw("POST", "api/v3/admin/users", adminToken, "application/json")
            .withLength(body.length, body),
        SMALL);
    assertTooLarge(
        raw("POST", "api/v3/admin/users", adminToken, "application/json")
            .expectContinue()
            .withLength(body.length, null),
        SMALL);

    assertEquals(before, totalUsers());
    assertEquals(404, admin.get("api/v3/users/" + login).status());
  }

  @Test
  void everySmallJsonBodyIsBoundedToo() {
    String padding = " ".repeat((int) SMALL + 1);
    Enterprise e = newEnterprise();
    assertTooLarge(
        raw(
                "POST",
                "cloud/api/enterprises/" + e.slug() + "/server-instances",
                e.token(),
                "application/json")
            .chunked(
                ("{\"server_id\":\"s\",\"hostname\":\"h\",\"version\":\"3.17.0\"}" + padding)
                    .getBytes(StandardCharsets.UTF_8)),
        SMALL);
    assertEquals(
        0,
        anonymous
            .withToken(e.token())
            .get("cloud/api/enterprises/" + e.slug() + "/server-instances")
            .json()
            .size());
    assertTooLarge(
        raw("POST", "api/v3/user/tokens", adminToken, "application/json")
            .chunked(("{\"note\":\"n\"}" + padding).getBytes(StandardCharsets.UTF_8)),
        SMALL);
    // a small body still goes through, also one sent only after 100 Continue
    Reply small = admin.post("api/v3/admin/users", "{\"login\":\"" + uniqueLogin("small") + "\"}");
    assertEquals(201, small.status(), small.toString());
    Reply afterContinue =
        admin.send(
            "POST",
            "api/v3/admin/users",
            "application/json",
            "{\"login\":\"" + uniqueLogin("cont") + "\"}",
            "application/json",
            true);
    assertEquals(201, afterContinue.status(), afterContinue.toString());
  }

  @Test
  void anOversizedFormPostGets413AndAChunkedOneIsRefusedBeforeParsing() {
    RawReply big =
        raw("POST", "server/sign-in.xhtml", null, "application/x-www-form-urlencoded")
            .header("Origin", origin())
            .withLength(300L * 1024 * 1024, "signIn=signIn&".getBytes(StandardCharsets.UTF_8));
    assertEquals(413, big.status(), big.toString());
    assertTrue(big.body().contains("larger than the limit of " + SMALL + " bytes"), big.body());

    RawReply chunked =
        raw("POST", "cloud/sign-in.xhtml", null, "application/x-www-form-urlencoded")
            .header("Origin", origin())
            .chunked("cloudSignIn=cloudSignIn".getBytes(StandardCharsets.UTF_8));
    assertEquals(411, chunked.status(), chunked.toString());
  }

  @Test
  void multipartIsRefusedUnparsedByEveryPageButAddServerUsageOfASession() {
    byte[] start =
        "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.json\"\r\n\r\n{"
            .getBytes(StandardCharsets.UTF_8);
    for (String page :
        List.of(
            "cloud/sign-in.xhtml",
            "server/sign-in.xhtml",
            "cloud/members.xhtml",
            "server/people.xhtml",
            "server/license.xhtml")) {
      // the body announced is never sent: an answer proves the request was not parsed
      RawReply reply =
          raw("POST", page, null, "multipart/form-data; boundary=b")
              .header("Origin", origin())
              .withLength(50L * 1024 * 1024, start);
      assertEquals(415, reply.status(), page + ": " + reply);
    }
    RawReply api =
        raw("POST", "api/v3/admin/users", adminToken, "multipart/form-data; boundary=b")
            .withLength(50L * 1024 * 1024, start);
    assertEquals(415, api.status(), api.toString());
    assertEquals("application/json", api.headers().get("content-type").split(";")[0]);

    RawReply noSession =
        raw("POST", "cloud/licensing.xhtml", null, "multipart/form-data; boundary=b")
            .header("Origin", origin())
            .withLength(50L * 1024 * 1024, start);
    assertEquals(403, noSession.status(), noSession.toString());
  }

  @Test
  void anUploadLeavesNoTemporaryFileBehind() throws Exception {
    Enterprise e = newEnterprise();
    String cookie = cloudSignIn(e);
    RawReply page =
        raw("GET", "cloud/licensing.xhtml", null, null).header("Cookie", cookie).send(null);
    assertEquals(200, page.status(), page.toString());
    String viewState = viewState(page.body());
    Set<Path> before = files(UPLOAD_TEMP);

    String boundary = "----limits" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes(field(boundary, "usageForm", "usageForm"));
    head.writeBytes(field(boundary, "jakarta.faces.ViewState", viewState));
    head.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"usageForm:usageFile\"; filename=\"usage.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    head.writeBytes(
        ("{\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}\r\n")
            .getBytes(StandardCharsets.UTF_8));
    byte[] tail =
        (new String(
                    field(boundary, "usageForm:addUsage", "Add server usage"),
                    StandardCharsets.UTF_8)
                + "--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8);

    try (Socket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          requestHead(
              "POST",
              "cloud/licensing.xhtml",
              Map.of(
                  "Cookie",
                  cookie,
                  "Origin",
                  origin(),
                  "Content-Type",
                  "multipart/form-data; boundary=" + boundary,
                  "Content-Length",
                  Long.toString(head.size() + tail.length))));
      out.write(head.toByteArray());
      out.flush();
      // the file part is on disk while the request is still being read
      List<Path> during =
          waitFor(() -> difference(files(UPLOAD_TEMP), before), list -> !list.isEmpty(), 10_000);
      assertFalse(during.isEmpty(), "the part above the threshold waits in " + UPLOAD_TEMP);
      out.write(tail);
      out.flush();
      RawReply reply = RawReply.read(socket.getInputStream());
      assertEquals(200, reply.status(), reply.toString());
      assertTrue(
          reply.body().contains("not a license usage file") || reply.body().contains("field-error"),
          reply.body());
    }
    List<Path> left = waitFor(() -> difference(files(UPLOAD_TEMP), before), List::isEmpty, 5_000);
    assertEquals(List.of(), left, "no temporary file outlives its request");
  }

  @Test
  void threeHundredSlowClientsDoNotStarveTheServer() throws Exception {
    List<Socket> slow = new ArrayList<>();
    List<byte[]> pending = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket socket = socket();
        slow.add(socket);
        byte[] request;
        if (i % 3 == 0) {
          // headers a byte at a time, never finished
          request =
              ("GET /api/v3/enterprise/settings/license HTTP/1.1\r\nHost: "
                      + base.getHost()
                      + "\r\nAuthorization: token "
                      + adminToken
                      + "\r\nX-Slow: "
                      + "s".repeat(4000)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII);
        } else {
          // complete headers, then the body a byte at a time: an admin's JSON (whitespace, never
          // valid), or
          // (one in six) a sign-in form, which the server parses blocking
          boolean form = i % 6 == 5;
          Map<String, String> headers =
              form
                  ? Map.of(
                      "Origin",
                      origin(),
                      "Content-Type",
                      "application/x-www-form-urlencoded",
                      "Content-Length",
                      "4000")
                  : Map.of(
                      "Authorization",
                      "token " + adminToken,
                      "Content-Type",
                      "application/json",
                      "Content-Length",
                      "4000");
          socket
              .getOutputStream()
              .write(
                  requestHead(
                      "POST", form ? "cloud/sign-in.xhtml" : "api/v3/admin/users", headers));
          socket.getOutputStream().flush();
          request =
              (form ? "a=" + "b".repeat(3998) : " ".repeat(4000))
                  .getBytes(StandardCharsets.US_ASCII);
        }
        pending.add(request);
      }
      long end = System.nanoTime() + 9_000_000_000L;
      List<Long> latencies = new ArrayList<>();
      int tick = 0;
      while (System.nanoTime() < end) {
        for (int i = 0; i < slow.size(); i++) {
          try {
            slow.get(i).getOutputStream().write(pending.get(i)[tick]);
            slow.get(i).getOutputStream().flush();
          } catch (IOException closedByTheServer) {
            // the server may cut a slow client off: that is allowed
          }
        }
        tick++;
        if (tick >= 2) {
          long started = System.nanoTime();
          Reply license =
              Api.at(base).withToken(adminToken).get("api/v3/enterprise/settings/license");
          long millis = (System.nanoTime() - started) / 1_000_000;
          assertEquals(200, license.status(), license.toString());
          latencies.add(millis);
        }
        Thread.sleep(1000);
      }
      long worst = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
      System.out.println(
          "BodyLimitsIT: GET /api/v3/enterprise/settings/license beside 300 slow clients, ms: "
              + latencies
              + " (worst "
              + worst
              + ")");
      assertTrue(latencies.size() >= 5, latencies.toString());
      assertTrue(worst < 2000, "answers within 2 s: " + latencies);
      // a REST body that does not arrive within licensesync.http.body-timeout is refused
      RawReply json = RawReply.read(slow.get(1).getInputStream());
      assertEquals(408, json.status(), json.toString());
    } finally {
      for (Socket socket : slow) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }

  // --- the cloud pages over HTTP

  private String cloudSignIn(Enterprise e) {
    RawReply form = raw("GET", "cloud/sign-in.xhtml", null, null).send(null);
    assertEquals(200, form.status(), form.toString());
    String cookie = sessionCookie(form, null);
    String body =
        "cloudSignIn=cloudSignIn&cloudSignIn%3Aenterprise="
            + enc(e.slug())
            + "&cloudSignIn%3Atoken="
            + enc(e.token())
            + "&cloudSignIn%3Asubmit="
            + enc("Sign in")
            + "&jakarta.faces.ViewState="
            + enc(viewState(form.body()));
    RawReply signedIn =
        raw("POST", "cloud/sign-in.xhtml", null, "application/x-www-form-urlencoded")
            .header("Cookie", cookie)
            .header("Origin", origin())
            .withLength(body.length(), body.getBytes(StandardCharsets.UTF_8));
    assertTrue(signedIn.status() == 302 || signedIn.status() == 303, signedIn.toString());
    return sessionCookie(signedIn, cookie);
  }

  private static String sessionCookie(RawReply reply, String otherwise) {
    String set = reply.headers().get("set-cookie");
    if (set == null) {
      return otherwise;
    }
    return set.split(";")[0];
  }

  private static String viewState(String html) {
    Matcher m =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1).replace("&#58;", ":");
  }

  private static byte[] field(String boundary, String name, String value) {
    return ("--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String origin() {
    return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
  }

  // --- files

  private static Set<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> difference(Set<Path> now, Set<Path> before) {
    return now.stream().filter(p -> !before.contains(p)).sorted().toList();
  }

  private static <T> T waitFor(
      java.util.function.Supplier<T> value, java.util.function.Predicate<T> done, long millis)
      throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    T current = value.get();
    while (!done.test(current) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      current = value.get();
    }
    return current;
  }

  // --- raw HTTP/1.1

  private Socket socket() throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private byte[] requestHead(String method, String path, Map<String, String> headers) {
    StringBuilder head =
        new StringBuilder(method)
            .append(" ")
            .append(base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/")
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private RawRequest raw(String method, String path, String token, String contentType) {
    RawRequest request = new RawRequest(method, path);
    if (token != null) {
      request.header("Authorization", "token " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return request.header("Accept", "application/vnd.github+json").header("Connection", "close");
  }

  /**
   * One request on its own connection; the body is written by another thread while the answer is
   * read.
   */
  private final class RawRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();

    RawRequest(String method, String path) {
      this.method = method;
      this.path = path;
    }

    RawRequest header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    RawRequest expectContinue() {
      return header("Expect", "100-continue");
    }

    /** Sends the body in chunks of 64 KiB, without a Content-Length. */
    RawReply chunked(byte[] body) {
      header("Transfer-Encoding", "chunked");
      return exchange(
          out -> {
            for (int offset = 0; offset < body.length; offset += 65536) {
              int n = Math.min(65536, body.length - offset);
              out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(body, offset, n);
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          });
    }

    /**
     * Announces {@code length} bytes and sends only {@code body} (null: nothing, waiting for 100
     * Continue).
     */
    RawReply withLength(long length, byte[] body) {
      header("Content-Length", Long.toString(length));
      return exchange(
          out -> {
            if (body != null) {
              out.write(body);
            }
          });
    }

    RawReply send(byte[] body) {
      return body == null ? exchange(out -> {}) : withLength(body.length, body);
    }

    private RawReply exchange(BodyWriter writer) {
      try (Socket socket = socket()) {
        OutputStream out = socket.getOutputStream();
        out.write(requestHead(method, path, headers));
        out.flush();
        CompletableFuture<Void> sending =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    writer.write(out);
                    out.flush();
                  } catch (IOException refusedMidway) {
                    // the server answered and closed before the whole body was sent: expected for
                    // refusals
                  }
                });
        RawReply reply = RawReply.read(socket.getInputStream());
        if (reply.status() == 100) {
          reply = RawReply.read(socket.getInputStream());
        }
        socket.close();
        sending.exceptionally(ignored -> null).join();
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @FunctionalInterface
  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  /** An HTTP answer read off a socket: status, headers (lower-case names), body. */
  record RawReply(int status, Map<String, String> headers, String body) {

    static RawReply read(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.merge(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
      if (status == 100) {
        return new RawReply(status, headers, "");
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try {
        if (headers.containsKey("content-length")) {
          body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
          for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
              size > 0;
              size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.writeBytes(in.readNBytes(size));
            line(in);
          }
        } else {
          body.writeBytes(in.readAllBytes());
        }
      } catch (SocketTimeoutException | java.net.SocketException cutShort) {
        // what arrived is the answer
      }
      return new RawReply(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException(
              "connection closed before the answer was complete: "
                  + line.toString(StandardCharsets.UTF_8));
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return Api.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }
  }
}
