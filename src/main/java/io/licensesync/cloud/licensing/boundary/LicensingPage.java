package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.access.OwnerPageAction;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.instances.boundary.ExportFileIntake;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.cloud.instances.boundary.UsageUploads;
import io.licensesync.cloud.instances.control.SyncSummary;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.rest.ApiException;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Pager;
import io.licensesync.web.Times;
import io.licensesync.wire.SignedExportFile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The "Enterprise licensing" page of the signed-in owner's enterprise: seats consumed and
 * purchased, each connected Server instance's last sync, and the consumed licenses 25 to a page
 * ({@code ?page=N}), read through the same boundaries as the consumed-licenses and
 * license-sync-status APIs; the enterprise's license usage key, and Add server usage (the same
 * boundary as {@code POST …/server-usage-uploads}).
 */
@Named
@RequestScoped
public class LicensingPage {

  static final int PER_PAGE = 25;

  private Pager pager = Pager.of(null, 0, PER_PAGE);

  @Inject CloudSession session;
  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject Licensing licensing;
  @Inject Times times;
  @Inject ExportFileIntake exportFiles;
  @Inject UsageUploads uploads;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.usage-file.max-bytes", defaultValue = "67108864")
  long maxFileBytes;

  private Part usageFile;
  private String usageKey;
  private String usageKeyFingerprint;

  private long seatsConsumed;
  private int seatsPurchased;
  private List<InstanceRow> instanceRows;
  private List<LicenseRow> licenseRows;

  @PostConstruct
  void load() {
    long enterpriseId = session.enterpriseId();
    seatsPurchased = enterprises.require(session.getEnterprise()).seatsPurchased();
    instanceRows =
        instances.of(enterpriseId).stream()
            .map(
                i ->
                    new InstanceRow(
                        i.hostname(),
                        i.serverId(),
                        SyncSummary.of(i, times::format),
                        i.signingKeyFingerprint() == null ? "—" : i.signingKeyFingerprint()))
            .toList();
    seatsConsumed = licensing.seatsConsumed(enterpriseId);
    pager = Pager.ofThisRequest(seatsConsumed, PER_PAGE);
    int from = pager.offset();
    licenseRows =
        licensing.rows(enterpriseId, from, from + PER_PAGE).stream().map(LicenseRow::of).toList();
  }

  /**
   * Add server usage: checks and applies the uploaded file, then shows the receipt on a fresh page.
   */
  @OwnerPageAction
  public String addServerUsage() {
    if (usageFile == null || usageFile.getSize() == 0) {
      PageMessages.error(
          "usageForm:usageFile", "Choose the license usage file a Server exported (a .json file).");
      return null;
    }
    if (usageFile.getSize() > maxFileBytes) {
      PageMessages.error(
          "usageForm:usageFile",
          "The file is larger than the limit of " + maxFileBytes + " bytes; nothing changed.");
      return null;
    }
    byte[] bytes;
    try (InputStream in = usageFile.getInputStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      PageMessages.error(
          "usageForm:usageFile", "The file could not be read; nothing changed. Try again.");
      return null;
    }
    try {
      ExportFileIntake.Receipt r =
          uploads.receiveFile(session.enterpriseId(), bytes, session.getLogin());
      PageMessages.info(receiptText(r));
      PageMessages.keepForNextPage();
      return "/cloud/licensing.xhtml?faces-redirect=true";
    } catch (ApiException refused) {
      PageMessages.error("usageForm:usageFile", refused.body().reason());
      return null;
    }
  }

  private static String receiptText(ExportFileIntake.Receipt r) {
    if (!r.applied()) {
      return "This file of "
          + r.hostname()
          + " (server ID "
          + r.serverId()
          + ") was added already; nothing changed. Seats consumed: "
          + r.seatsConsumedAfter()
          + ".";
    }
    return "Server usage of "
        + r.hostname()
        + " (server ID "
        + r.serverId()
        + ") added: "
        + r.accountsAccepted()
        + " accounts accepted, "
        + r.people()
        + " people after matching; seats consumed "
        + r.seatsConsumedBefore()
        + " → "
        + r.seatsConsumedAfter()
        + "."
        + (r.instanceRegistered()
            ? " The instance is new here and is registered with its signing key "
                + r.signingKeyFingerprint()
                + "."
            : "")
        + (!r.instanceRegistered() && r.signingKeyRegistered()
            ? " Its signing key " + r.signingKeyFingerprint() + " is registered."
            : "");
  }

  public Part getUsageFile() {
    return usageFile;
  }

  public void setUsageFile(Part usageFile) {
    this.usageFile = usageFile;
  }

  /**
   * The enterprise's public license usage key as JSON, to paste on a Server that cannot reach the
   * Cloud.
   */
  public String getUsageKey() {
    if (usageKey == null) {
      com.nimbusds.jose.jwk.ECKey key = exportFiles.publicKey(session.enterpriseId());
      usageKey = key.toJSONString();
      usageKeyFingerprint = SignedExportFile.fingerprint(key);
    }
    return usageKey;
  }

  public String getUsageKeyFingerprint() {
    getUsageKey();
    return usageKeyFingerprint;
  }

  public long getSeatsConsumed() {
    return seatsConsumed;
  }

  public int getSeatsPurchased() {
    return seatsPurchased;
  }

  public List<InstanceRow> getInstances() {
    return instanceRows;
  }

  public List<LicenseRow> getLicenses() {
    return licenseRows;
  }

  /** Which page of the people consuming a license this is, and whether there are others. */
  public Pager getPager() {
    return pager;
  }

  /** The position of the first and last person shown, for "People 26–50 of 60". */
  public String getShowing() {
    if (licenseRows.isEmpty()) {
      return "No one consumes a license yet.";
    }
    int first = pager.offset() + 1;
    return "People "
        + first
        + "–"
        + (first + licenseRows.size() - 1)
        + " of "
        + seatsConsumed
        + ", page "
        + pager.number()
        + " of "
        + pager.count()
        + ".";
  }

  public String getDownloadPath() {
    return ConsumedLicensesReportServlet.PATH;
  }

  /** One connected instance and how its last sync reads. */
  public record InstanceRow(
      String hostname, String serverId, SyncSummary sync, String signingKeyFingerprint) {}

  /** One person, as the page shows them; the first column links to why they count. */
  public record LicenseRow(
      String personId,
      String login,
      String name,
      String serverUserIds,
      String serverEmails,
      String roles,
      boolean cloudSeat,
      int totalUserAccounts) {

    static LicenseRow of(ConsumedLicense c) {
      List<String> roles = new ArrayList<>(c.enterpriseRoles());
      roles.addAll(c.memberRoles());
      // a person without a login is shown by what identifies them: an email, else instance and id
      String shownAs =
          !c.login().isEmpty()
              ? c.login()
              : !c.serverEmails().isEmpty()
                  ? c.serverEmails().get(0)
                  : c.serverUserIds().isEmpty() ? "—" : c.serverUserIds().get(0);
      return new LicenseRow(
          c.personId(),
          shownAs,
          c.name().isEmpty() ? "—" : c.name(),
          orDash(c.serverUserIds()),
          orDash(c.serverEmails()),
          orDash(roles),
          c.cloudUser(),
          c.totalUserAccounts());
    }

    private static String orDash(List<String> values) {
      return values.isEmpty() ? "—" : String.join(", ", values);
    }

    public String cloudSeatText() {
      return cloudSeat ? "Yes" : "No";
    }

    /** The People and seats page on this person: why they count (relative to this page). */
    public String whyHref() {
      return "seats.xhtml?person=" + URLEncoder.encode(personId, StandardCharsets.UTF_8);
    }
  }
}
