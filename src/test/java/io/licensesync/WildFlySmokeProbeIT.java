package io.licensesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TEMPORARY probe that the built WAR deploys and answers on the selected server (written to bring up
 * WildFly). Delete it once the real smoke tests exist.
 */
@Tag("smoke")
@ExtendWith(ArquillianExtension.class)
class WildFlySmokeProbeIT {

  static final String ADMIN_PASSWORD = "probe-admin-secret-1";

  @Deployment
  static WebArchive deployment() {
    String url = System.getProperty("it.datasource.url").replace("license-sync;", "probe-" + System.nanoTime() + ";");
    String config =
        "config_ordinal=100\n"
            + "licensesync.datasource.url=" + url + "\n"
            + "licensesync.datasource.user=" + System.getProperty("it.datasource.user", "sa") + "\n"
            + "licensesync.datasource.password=" + System.getProperty("it.datasource.password", "") + "\n"
            + "licensesync.server.bootstrap-admin.password=" + ADMIN_PASSWORD + "\n";
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("licensesync.war")))
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
  }

  /** Runs inside the server: MicroProfile Config sees the overlay, the data source is migrated. */
  @Test
  void insideTheServer() throws Exception {
    assertEquals(
        ADMIN_PASSWORD,
        ConfigProvider.getConfig().getValue("licensesync.server.bootstrap-admin.password", String.class));
    DataSource dataSource = (DataSource) new InitialContext().lookup("java:app/jdbc/licensesync");
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select count(*) from user_account where site_admin")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI api(URL base, String path) throws Exception {
    return base.toURI().resolve("/api/v3/" + path);
  }

  @Test
  @RunAsClient
  void usersRequiresAuthentication(@ArquillianResource URL base) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(api(base, "users")).GET());
    assertEquals(401, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"message\":\"Requires authentication\""), response.body());
    // JSON-B with JsonConfiguration (snake_case, nulls left out), not the server's Jackson
    assertTrue(response.body().contains("\"documentation_url\""), response.body());
    assertTrue(!response.body().contains("null"), response.body());
  }

  @Test
  @RunAsClient
  void bootstrapAdminCreatesAToken(@ArquillianResource URL base) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(api(base, "user/tokens"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}")));
    assertEquals(201, response.statusCode(), response.body());
  }
}
