package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.instances.boundary.Instances;
import io.licensesync.cloud.instances.control.SyncSummary;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.web.Times;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Enterprise licensing" page of the signed-in owner's enterprise: seats consumed and
 * purchased, each connected Server instance's last sync, and the consumed licenses 25 to a page
 * ({@code ?page=N}), read through the same boundaries as the consumed-licenses and
 * license-sync-status APIs.
 */
@Named
@RequestScoped
public class LicensingPage {

  static final int PER_PAGE = 25;

  @Inject CloudSession session;
  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject Licensing licensing;
  @Inject Times times;

  private long seatsConsumed;
  private int seatsPurchased;
  private List<InstanceRow> instanceRows;
  private List<LicenseRow> licenseRows;
  private int page;
  private int pageCount;

  @PostConstruct
  void load() {
    long enterpriseId = session.enterpriseId();
    seatsPurchased = enterprises.find(session.getEnterprise()).orElseThrow().seatsPurchased();
    instanceRows =
        instances.of(enterpriseId).stream()
            .map(i -> new InstanceRow(i.hostname(), i.serverId(), SyncSummary.of(i, times::format)))
            .toList();
    seatsConsumed = licensing.seatsConsumed(enterpriseId);
    Pager pager = Pager.of(FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("page"), seatsConsumed, PER_PAGE);
    pageCount = pager.count();
    page = pager.number();
    int from = pager.offset();
    licenseRows = licensing.rows(enterpriseId, from, from + PER_PAGE).stream().map(LicenseRow::of).toList();
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

  public int getPage() {
    return page;
  }

  public int getPageCount() {
    return pageCount;
  }

  public boolean isHasPrevious() {
    return page > 1;
  }

  public boolean isHasNext() {
    return page < pageCount;
  }

  /** The position of the first and last person shown, for "People 26–50 of 60". */
  public String getShowing() {
    if (licenseRows.isEmpty()) {
      return "No one consumes a license yet.";
    }
    int first = (page - 1) * PER_PAGE + 1;
    return "People " + first + "–" + (first + licenseRows.size() - 1) + " of " + seatsConsumed + ", page " + page + " of " + pageCount + ".";
  }

  public String getDownloadPath() {
    return ConsumedLicensesReportServlet.PATH;
  }

  /** One connected instance and how its last sync reads. */
  public record InstanceRow(String hostname, String serverId, SyncSummary sync) {}

  /** One person, as the page shows them. */
  public record LicenseRow(
      String login, String name, String serverUserIds, String serverEmails, String roles, boolean cloudSeat, int totalUserAccounts) {

    static LicenseRow of(ConsumedLicense c) {
      List<String> roles = new ArrayList<>(c.enterpriseRoles());
      roles.addAll(c.memberRoles());
      return new LicenseRow(
          c.login().isEmpty() ? "—" : c.login(),
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
  }
}
