package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.server.access.boundary.AdminPageAction;
import io.licensesync.server.access.boundary.ServerSession;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The People page: this Server's accounts, 25 a page, filtered by login or email, each with what
 * the seat rules say of it, and Suspend / Unsuspend through the same {@link Accounts} methods as
 * the REST API. View scoped so a button acts on the row the admin saw.
 */
@Named
@ViewScoped
public class PeoplePage implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int PER_PAGE = 25;

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject ServerSession session;

  private String q;
  private String page;
  private String filterProblem;

  private Pager pager = Pager.of(null, 0, PER_PAGE);
  private long total;
  private List<Person> people = List.of();

  /**
   * Takes the filter and page from the address ({@code ?q=…&page=2}); posts keep them in the view.
   */
  @PostConstruct
  void init() {
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    q = parameters.get("q");
    page = parameters.get("page");
    filterProblem =
        TextRules.problem("filter", q, TextRules.FILTER)
            .map(problem -> "The " + problem + ".")
            .orElse(null);
    load();
  }

  /** Reads the requested page of matching accounts (when the view opens, and after each change). */
  void load() {
    total = accounts.countMatching(q);
    pager = Pager.of(page, total, PER_PAGE);
    Instant now = StoredTime.now();
    people =
        accounts.matching(q, pager.offset(), PER_PAGE).stream()
            .map(a -> Person.of(a, seatRules, now))
            .toList();
  }

  @AdminPageAction
  public String suspend(String login) {
    try {
      accounts.suspend(login, null, session.accountId());
      return done(login + " is suspended and no longer consumes a seat.");
    } catch (ApiException refused) {
      return refusal(login, refused);
    }
  }

  @AdminPageAction
  public String unsuspend(String login) {
    try {
      accounts.unsuspend(login);
      return done(login + " is no longer suspended.");
    } catch (ApiException refused) {
      return refusal(login, refused);
    }
  }

  /** Shows the same filter and page again with a fresh GET, so reloading repeats nothing. */
  private String done(String message) {
    PageMessages.info(message);
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/server/people.xhtml?faces-redirect=true&page="
        + pager.number()
        + (isFiltered() ? "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) : "");
  }

  private String refusal(String login, ApiException refused) {
    if (refused.status() == 404) {
      PageMessages.error(null, "There is no account " + login + " any more.");
    } else {
      PageMessages.refusal(refused);
    }
    load();
    return null;
  }

  public List<Person> getPeople() {
    return people;
  }

  public long getTotal() {
    return total;
  }

  /** Which page of the accounts this is, and whether there are others. */
  public Pager getPager() {
    return pager;
  }

  public boolean isFiltered() {
    return q != null && !q.isBlank() && filterProblem == null;
  }

  public String getQ() {
    return filterProblem == null ? q : null;
  }

  /**
   * Why the filter typed cannot match anything (too long, control characters), shown next to it;
   * else null.
   */
  public String getFilterProblem() {
    return filterProblem;
  }

  /** One account as the page lists it. */
  public record Person(
      long id,
      String login,
      String email,
      boolean siteAdmin,
      boolean suspended,
      boolean dormant,
      boolean consumesSeat)
      implements Serializable {

    static Person of(UserAccount account, SeatRules rules, Instant now) {
      return new Person(
          account.id(),
          account.login(),
          account.primaryEmail().orElse(null),
          account.siteAdmin(),
          account.suspended(),
          rules.isDormant(account, now),
          rules.consumesLicense(account));
    }
  }
}
