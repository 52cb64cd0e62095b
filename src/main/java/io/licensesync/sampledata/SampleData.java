package io.licensesync.sampledata;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.control.MemberProvisioning;
import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.database.StoredTime;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.security.CredentialVault;
import io.licensesync.server.accounts.boundary.UsersReportImport;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the sample data on the first start of an empty database when asked to, through the same use
 * cases an admin and an owner use: Server accounts (the users report import), a Cloud enterprise
 * with members (some the same people as Server accounts, some with emails in another case, some on
 * one side only), and this Server connected to it with license sync still disabled, so a newcomer
 * enables it and presses Sync now. Times are relative ({@code ${days-ago:3}}).
 */
@Startup
@Singleton
@DependsOn({"InstanceIdentity", "BootstrapAdmin"})
public class SampleData {

  static final String ENTERPRISE = "octo-sample";

  private static final Logger LOG = Logger.getLogger(SampleData.class.getName());
  private static final Pattern DAYS_AGO = Pattern.compile("\\$\\{days-ago:(\\d+)}");
  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx").withZone(ZoneOffset.UTC);

  @PersistenceContext EntityManager em;
  @Inject InstanceIdentity identity;
  @Inject UsersReportImport reportImport;
  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject CredentialVault vault;
  @Inject Roles roles;

  @Inject
  @ConfigProperty(name = "licensesync.sample-data", defaultValue = "false")
  boolean wanted;

  @Inject
  @ConfigProperty(name = "licensesync.public-url", defaultValue = "http://localhost:8080/")
  String publicUrl;

  @PostConstruct
  void loadOnFirstStart() {
    if (!wanted || !identity.firstStart()) {
      return;
    }
    if (roles.plays(Role.SERVER)) {
      String csv = withTimes(resource("/sample-data/server-users.csv"), StoredTime.now());
      ImportReport report = reportImport.apply(UsersReport.parse(new StringReader(csv)), false);
      if (!report.applied()) {
        throw new IllegalStateException(
            "The bundled sample Server accounts are invalid: " + report.errors());
      }
      LOG.info(
          () ->
              "SAMPLE DATA loaded: "
                  + report.created()
                  + " sample Server accounts (logins start with 'sample-')");
    }
    if (roles.plays(Role.CLOUD)) {
      String ownerToken = sampleEnterprise();
      if (roles.plays(Role.SERVER)) {
        connectToSampleEnterprise();
      }
      announce(System.out, ownerToken);
    }
  }

  private String sampleEnterprise() {
    MemberProfile owner =
        new MemberProfile(
            "sample-owner",
            "Sample Owner",
            List.of(new MemberProfile.Email("owner@octo-sample.example", true)),
            null,
            EnterpriseRole.OWNER,
            List.of(),
            List.of(),
            false,
            true);
    Enterprises.Created created =
        enterprises.create(
            ENTERPRISE,
            "Octo Sample Inc. (SAMPLE DATA)",
            25,
            List.of("octo-sample.example"),
            owner);
    MemberProvisioning members;
    try (JsonReader reader =
        Json.createReader(new StringReader(resource("/sample-data/cloud-members.json")))) {
      members = MemberProvisioning.fromJson(reader.readValue());
    }
    if (!members.errors().isEmpty()) {
      throw new IllegalStateException(
          "The bundled sample Cloud members are invalid: " + members.errors());
    }
    enterprises.provision(created.enterprise().id(), members.profiles());
    LOG.info(
        () ->
            "SAMPLE DATA loaded: Cloud enterprise '"
                + ENTERPRISE
                + "' with "
                + (members.profiles().size() + 1)
                + " members");
    return created.ownerToken();
  }

  private void connectToSampleEnterprise() {
    long enterpriseId = enterprises.find(ENTERPRISE).orElseThrow().id();
    Instances.Connection connection =
        instances.connect(
            enterpriseId,
            identity.serverId(),
            identity.hostname(),
            identity.version(),
            "sample-owner");
    em.persist(
        new CloudConnection(
            CloudGateway.apiRoot(publicUrl).toString(),
            ENTERPRISE,
            vault.protect(connection.credential()),
            "sample-data",
            StoredTime.now()));
    LOG.info(
        () ->
            "SAMPLE DATA: this Server is connected to '"
                + ENTERPRISE
                + "'; license sync is disabled until a site admin enables it");
  }

  /** The one place the sample owner's token appears: the console of the first start. */
  private static void announce(PrintStream console, String ownerToken) {
    console.println();
    console.println("==================================================================");
    console.println(" license-sync SAMPLE DATA: Cloud enterprise '" + ENTERPRISE + "'");
    console.println("   owner:       sample-owner");
    console.println("   owner token: " + ownerToken);
    console.println(" Give this token as cloud_token when enabling license sync.");
    console.println("==================================================================");
    console.println();
  }

  static String withTimes(String template, Instant now) {
    Matcher matcher = DAYS_AGO.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Instant at =
          now.minus(Long.parseLong(matcher.group(1)), ChronoUnit.DAYS)
              .truncatedTo(ChronoUnit.SECONDS);
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
