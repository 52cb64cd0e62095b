package io.licensesync.sampledata;

import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the sample Server accounts through the same import a site admin uses, on the first start
 * of an empty database when asked to. Times in the sample are relative ({@code ${days-ago:3}}) so
 * the dormant and active accounts stay so whenever it is loaded.
 */
@Startup
@Singleton
@DependsOn("InstanceIdentity")
public class SampleData {

  private static final Logger LOG = Logger.getLogger(SampleData.class.getName());
  private static final Pattern DAYS_AGO = Pattern.compile("\\$\\{days-ago:(\\d+)}");
  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx").withZone(ZoneOffset.UTC);

  @Inject InstanceIdentity identity;
  @Inject Accounts accounts;

  @Inject
  @ConfigProperty(name = "licensesync.sample-data", defaultValue = "false")
  boolean wanted;

  @Inject Roles roles;

  @PostConstruct
  void loadOnFirstStart() {
    if (!wanted || !identity.firstStart() || !roles.plays(Role.SERVER)) {
      return;
    }
    String csv = withTimes(resource("/sample-data/server-users.csv"), Instant.now());
    ImportReport report = accounts.importReport(UsersReport.parse(new StringReader(csv)), false);
    if (!report.applied()) {
      throw new IllegalStateException("The bundled sample data is invalid: " + report.errors());
    }
    LOG.info(() -> "SAMPLE DATA loaded: " + report.created() + " sample Server accounts (logins start with 'sample-')");
  }

  static String withTimes(String template, Instant now) {
    Matcher matcher = DAYS_AGO.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Instant at = now.minus(Long.parseLong(matcher.group(1)), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      matcher.appendReplacement(out, REPORT_TIME.format(at));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String resource(String path) {
    try (InputStream in = SampleData.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
