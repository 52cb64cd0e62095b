package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.server.access.boundary.AdminPageAction;
import io.licensesync.server.accounts.control.DormantSeat;
import io.licensesync.server.accounts.control.DormantSort;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dormant seats page: accounts consuming a seat without recent activity, 25 a page, sortable by
 * last activity or login, with the CSV download; the admin ticks accounts, gives a reason, reviews
 * the selection in a confirming step and suspends them through {@link DormantSeats} (all or
 * nothing, audited). View scoped so the confirmation acts on the accounts the admin reviewed.
 */
@Named
@ViewScoped
public class DormantSeatsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int PER_PAGE = 25;

  @Inject DormantSeats dormantSeats;

  private DormantSort sort = DormantSort.DEFAULT;
  private String sortNotice;
  private String page;
  private Pager pager = Pager.of(null, 0, PER_PAGE);
  private long total;
  private long thresholdDays;
  private List<Row> rows = List.of();
  private final Map<String, Boolean> selected = new HashMap<>();
  private String reason;
  private List<String> reviewed;

  /** Takes the order and page from the address ({@code ?sort=login&direction=desc&page=2}). */
  @PostConstruct
  void init() {
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    page = parameters.get("page");
    try {
      sort = DormantSort.parse(parameters.get("sort"), parameters.get("direction"));
    } catch (ApiException refused) {
      sortNotice = "That is not an order this report knows; it is sorted by last activity.";
    }
    load();
  }

  private void load() {
    Instant now = StoredTime.now();
    total = dormantSeats.count(now);
    thresholdDays = java.time.Duration.between(dormantSeats.cutoff(now), now).toDays();
    pager = Pager.of(page, total, PER_PAGE);
    rows =
        dormantSeats.page(sort, pager.offset(), PER_PAGE, now).stream()
            .map(seat -> Row.of(seat, now))
            .toList();
  }

  /** First step: checks the selection and the reason, then asks for confirmation. */
  @AdminPageAction
  public String review() {
    List<String> chosen = chosen();
    boolean ok = true;
    if (chosen.isEmpty()) {
      PageMessages.error("dormantForm:selection", "Select at least one account to suspend.");
      ok = false;
    }
    if (reason == null || reason.isBlank()) {
      PageMessages.error("dormantForm:reason", "Give a reason: it is kept with each suspension.");
      ok = false;
    } else if (!PageMessages.fits("dormantForm:reason", "reason", reason, TextRules.REASON)) {
      ok = false;
    }
    reviewed = ok ? chosen : null;
    return null;
  }

  /** Second step: suspends the reviewed accounts, or shows why not (nothing changed). */
  @AdminPageAction
  public String confirm() {
    if (reviewed == null) {
      return null;
    }
    try {
      DormantSeats.Suspension done = dormantSeats.suspend(reviewed, reason);
      PageMessages.info(
          done.suspended().size()
              + (done.suspended().size() == 1 ? " account is" : " accounts are")
              + " suspended; "
              + done.seatsFreed()
              + (done.seatsFreed() == 1 ? " seat" : " seats")
              + " freed.");
      PageMessages.keepForNextPage();
      return "/server/dormant.xhtml?faces-redirect=true&sort="
          + sort.key().parameter()
          + "&direction="
          + sort.direction();
    } catch (ApiException refused) {
      reviewed = null;
      PageMessages.refusal(refused, "logins=dormantForm:selection", "reason=dormantForm:reason");
      load();
      return null;
    }
  }

  /** Leaves the confirming step; the selection and reason stay. */
  public String cancel() {
    reviewed = null;
    return null;
  }

  private List<String> chosen() {
    return rows.stream().map(Row::login).filter(l -> Boolean.TRUE.equals(selected.get(l))).toList();
  }

  public boolean isConfirming() {
    return reviewed != null;
  }

  public List<String> getReviewed() {
    return reviewed == null ? List.of() : reviewed;
  }

  /** The reviewed logins, as the confirming step lists them. */
  public String getReviewedLogins() {
    return String.join(", ", getReviewed());
  }

  public Map<String, Boolean> getSelected() {
    return selected;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public List<Row> getRows() {
    return rows;
  }

  public long getTotal() {
    return total;
  }

  public long getThresholdDays() {
    return thresholdDays;
  }

  public Pager getPager() {
    return pager;
  }

  public String getSortNotice() {
    return sortNotice;
  }

  public String getSort() {
    return sort.key().parameter();
  }

  public String getDirection() {
    return sort.direction();
  }

  /** The direction a click on the column {@code key} sorts: reversed when already sorted by it. */
  public String directionFor(String key) {
    return key.equals(getSort()) && !sort.descending() ? "desc" : "asc";
  }

  /** One dormant account as the page lists it. */
  public record Row(long id, String login, Instant lastActiveAt, long daysInactive)
      implements Serializable {

    static Row of(DormantSeat seat, Instant now) {
      return new Row(seat.id(), seat.login(), seat.lastActiveAt(), seat.daysInactive(now));
    }
  }
}
