package io.licensesync.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployments tests use: the WAR the build produced (never a hand-picked list of classes), with
 * its configuration file replaced by one for the test — the database the build chose (H2 file or
 * PostgreSQL), a known bootstrap admin password, and whatever the test adds.
 */
public final class Deployments {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD =
      "it-" + UUID.nameUUIDFromBytes("license-sync".getBytes());

  private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  private Deployments() {}

  /** The secret key (Base64 of 32 bytes) every test deployment is given. */
  public static final String SECRET_KEY = "aXQtc2VjcmV0LWtleS0zMi1ieXRlcy1sb25nLSEhISE=";

  public static WebArchive licenseSync() {
    return licenseSync(Map.of());
  }

  public static WebArchive licenseSync(Map<String, String> config) {
    File built = new File(System.getProperty("licensesync.war", "target/license-sync.war"));
    WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, built);
    // the WAR's own keys first (what production runs with), then the test's
    Properties properties = new Properties();
    try (InputStream shipped = war.get(CONFIG).getAsset().openStream()) {
      properties.load(shipped);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    properties.setProperty("config_ordinal", "100");
    properties.setProperty("licensesync.datasource.url", System.getProperty("it.datasource.url"));
    properties.setProperty(
        "licensesync.datasource.user", System.getProperty("it.datasource.user", "sa"));
    properties.setProperty(
        "licensesync.datasource.password", System.getProperty("it.datasource.password", ""));
    properties.setProperty("licensesync.server.bootstrap-admin.password", ADMIN_PASSWORD);
    // one secret key for every deployment: they share the database, and what one protects
    // (the Cloud credential, the signing key) the next must be able to read
    properties.setProperty("licensesync.server.secret-key", SECRET_KEY);
    properties.putAll(config);
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "written by the integration tests");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    war.delete(CONFIG);
    war.add(new StringAsset(text.toString()), CONFIG);
    return war;
  }

  /**
   * {@code war} with a clock tests move forward ({@code POST /testing/clock?days=N}, see {@link
   * ClockServlet}) in place of the application's.
   */
  public static WebArchive withMovableClock(WebArchive war) {
    return war.addClasses(MovableClock.class, ClockServlet.class);
  }

  /**
   * {@code war} that holds the transaction of a usage change whose cause contains {@code cause}
   * open, printing {@link UsageHold#HOLDING} (see {@link UsageHold}).
   */
  public static WebArchive holdingUsageChange(Map<String, String> config, String cause) {
    Map<String, String> all = new java.util.HashMap<>(config);
    all.put("licensesync.testing.hold-usage-change", cause);
    return licenseSync(all).addClass(UsageHold.class);
  }

  /** A login no other test (or earlier run on the same database) uses. */
  public static String uniqueLogin(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
