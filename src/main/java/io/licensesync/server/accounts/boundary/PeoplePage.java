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
 * the seat rules say of it, and Suspend (with a reason, confirmed) / Unsuspend / Demote (confirmed)
 * through the same {@link Accounts} methods as the REST API. Suspend is offered only where it can
 * succeed: a site admin is offered Demote first. View scoped so a button acts on the row the admin
 * saw.
 */
@Named
@ViewScoped
public class PeoplePage implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int PER_PAGE = 25;

  static final String REASON_FIELD = "peopleForm:suspendReason";

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject ServerSession session;

  private String q;
  private String page;
  private String filterProblem;

  private Person confirmingSuspend;
  private Person confirmingDemote;
  private String suspendReason;

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

  /**
   * Suspend…: asks for a reason and a confirmation first (offered only for accounts that may be
   * suspended: not a site admin, not the admin's own).
   */
  @AdminPageAction
  public void askToSuspend(String login) {
    cancel();
    confirmingSuspend = find(login);
    if (confirmingSuspend == null) {
      PageMessages.error(null, "There is no account " + login + " on this page any more.");
      load();
    }
  }

  /** Demote…: asks for a confirmation first; a site admin must be demoted before a suspension. */
  @AdminPageAction
  public void askToDemote(String login) {
    cancel();
    confirmingDemote = find(login);
    if (confirmingDemote == null) {
      PageMessages.error(null, "There is no account " + login + " on this page any more.");
      load();
    }
  }

  /** Leaves the confirming step; nothing changed. */
  @AdminPageAction
  public void cancel() {
    confirmingSuspend = null;
    confirmingDemote = null;
    suspendReason = null;
  }

  /**
   * Yes, suspend: with the reason given; a missing or unusable reason is said next to its field.
   */
  @AdminPageAction
  public String suspend() {
    Person person = confirmingSuspend;
    if (person == null) {
      return null;
    }
    if (suspendReason == null || suspendReason.isBlank()) {
      PageMessages.error(
          REASON_FIELD, "Say why " + person.login() + " is suspended; the reason is kept with it.");
      return null;
    }
    if (!PageMessages.fits(REASON_FIELD, "reason", suspendReason, TextRules.REASON)) {
      return null;
    }
    try {
      accounts.suspend(person.login(), suspendReason, session.accountId());
      return done(
          person.consumesSeat()
              ? person.login() + " is suspended and no longer consumes a seat."
              : person.login()
                  + " is suspended. It did not consume a seat before either, so the seats in use"
                  + " are unchanged.");
    } catch (ApiException refused) {
      return refusal(person.login(), refused);
    }
  }

  /** Yes, demote: the account is no longer a site administrator, and may now be suspended. */
  @AdminPageAction
  public String demote() {
    Person person = confirmingDemote;
    if (person == null) {
      return null;
    }
    try {
      accounts.demote(person.login(), session.accountId());
      return done(person.login() + " is no longer a site administrator; it can be suspended now.");
    } catch (ApiException refused) {
      return refusal(person.login(), refused);
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

  private Person find(String login) {
    return people.stream().filter(p -> p.login().equals(login)).findFirst().orElse(null);
  }

  /** The account waiting for "Yes, suspend", or null. */
  public Person getConfirmingSuspend() {
    return confirmingSuspend;
  }

  /** The site admin waiting for "Yes, demote", or null. */
  public Person getConfirmingDemote() {
    return confirmingDemote;
  }

  public String getSuspendReason() {
    return suspendReason;
  }

  public void setSuspendReason(String suspendReason) {
    this.suspendReason = suspendReason;
  }

  /** Whether {@code person} is the signed-in admin (who can neither suspend nor demote it). */
  public boolean isYou(Person person) {
    return session.accountId() != null && session.accountId() == person.id();
  }

  /** Shows the same filter and page again with a fresh GET, so reloading repeats nothing. */
  private String done(String message) {
    PageMessages.info(message);
    PageMessages.keepForNextPage();
    return "/server/people.xhtml?faces-redirect=true&page="
        + pager.number()
        + (isFiltered() ? "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) : "");
  }

  private String refusal(String login, ApiException refused) {
    cancel();
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
