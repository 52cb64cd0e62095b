package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.access.OwnerPageAction;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ManualLink;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * The "People and seats" page: why each person of the signed-in owner's enterprise counts — the
 * seats split by where people count and per instance, the people filtered by where they count and
 * by a search, one person's explanation ({@code ?person=id}), the likely duplicates, and the
 * owner's links and refusals. Deciding takes two steps: a link ({@code
 * ?decide=link&server=…&user=…&member=…}) shows what will happen, and only the confirming button,
 * posting the same pair, changes anything. Read and written through the same boundary as the people
 * API.
 */
@Named("seatsPage")
@RequestScoped
public class SeatsPage {

  static final int PER_PAGE = 25;

  @Inject CloudSession session;
  @Inject Enterprises enterprises;
  @Inject People people;
  @Inject UploadChangeLog uploadChanges;
  @Inject SeatHistory history;
  @Inject io.licensesync.web.Times times;

  private Enterprise enterprise;
  private PeopleJson.Summary summary;
  private PeopleJson.People found;
  private Pager pager = Pager.of(null, 0, PER_PAGE);
  private String source = "";
  private String query = "";
  private PeopleJson.Person person;
  private List<PeopleJson.LikelyDuplicate> duplicates = List.of();
  private long duplicatesTotal;
  private List<PeopleJson.Decision> links = List.of();
  private List<PeopleJson.Decision> refusals = List.of();
  private Proposal proposal;
  private Chart chart;
  private List<PeopleJson.SeatChange> changes = List.of();
  private List<UploadChangeLog.UploadChange> uploads = List.of();
  private String sourceError;
  private String problem;
  private String queryError;

  /** A decision the owner is about to confirm (or to undo, with its id). */
  public record Proposal(
      String kind, String serverId, long userId, String memberLogin, Long undoId, String text) {}

  @PostConstruct
  void load() {
    Map<String, String> params = parameters();
    enterprise = enterprises.require(session.getEnterprise());
    summary = people.summary(enterprise);
    source = params.getOrDefault("source", "");
    query = params.getOrDefault("q", "");
    People.Source filter = People.Source.ALL;
    try {
      filter = People.Source.of(source);
    } catch (ApiException refused) {
      sourceError = "Choose Anywhere, Cloud only, Server only or Cloud and Server.";
      source = "";
    }
    queryError =
        TextRules.problem("The search", query, TextRules.FILTER).map(p -> p + ".").orElse(null);
    if (queryError != null) {
      query = "";
    }
    long total = people.count(enterprise, filter, query);
    pager = Pager.ofThisRequest(total, PER_PAGE);
    found =
        new PeopleJson.People(
            total, people.rows(enterprise, filter, query, pager.number(), PER_PAGE, total));
    String personId = params.get("person");
    if (personId != null) {
      try {
        person = people.person(enterprise, personId);
      } catch (ApiException notFound) {
        problem = "No one with this id counts in this enterprise (any more).";
      }
    }
    PeopleJson.LikelyDuplicates likely = people.likelyDuplicates(enterprise, 1, PER_PAGE);
    duplicates = likely.pairs();
    duplicatesTotal = likely.totalCount();
    links = people.decisions(enterprise, ManualLink.Kind.LINK);
    refusals = people.decisions(enterprise, ManualLink.Kind.NOT_SAME);
    proposal = proposal(params);
    chart = Chart.of(history.range(enterprise.id(), null, null));
    changes = people.changes(enterprise.id(), 1, 10);
    uploads = uploadChanges.page(enterprise.id(), null, 1, 10);
  }

  /** What the ten latest applied uploads changed on their instances, newest first. */
  public List<UploadChangeLog.UploadChange> getUploads() {
    return uploads;
  }

  /** The ten latest changes of the enterprise's seats, newest first. */
  public List<PeopleJson.SeatChange> getChanges() {
    return changes;
  }

  /** A time as the viewer reads it (their time zone, named). */
  public String time(java.time.Instant at) {
    return at == null ? "—" : times.format(at);
  }

  /**
   * The last 90 days of seats as an SVG line chart drawn on the server (no script, nothing from
   * another site): consumed and purchased, on a {@value #CHART_WIDTH} by {@value #CHART_HEIGHT}
   * canvas.
   */
  public record Chart(
      String consumed, String purchased, int top, String from, String to, String last) {

    static Chart of(SeatHistory.Range range) {
      List<SeatHistory.Day> days = range.days();
      if (days.isEmpty()) {
        return null;
      }
      int top = 1;
      for (SeatHistory.Day day : days) {
        top = Math.max(top, Math.max(day.total(), day.purchased()));
      }
      StringBuilder consumed = new StringBuilder();
      StringBuilder purchased = new StringBuilder();
      int n = days.size();
      for (int i = 0; i < n; i++) {
        double x = n == 1 ? CHART_WIDTH : (double) i * CHART_WIDTH / (n - 1);
        consumed.append(point(x, days.get(i).total(), top));
        purchased.append(point(x, days.get(i).purchased(), top));
      }
      SeatHistory.Day last = days.get(n - 1);
      return new Chart(
          consumed.toString().strip(),
          purchased.toString().strip(),
          top,
          days.get(0).date().toString(),
          last.date().toString(),
          last.total() + " of " + last.purchased() + " seats on " + last.date());
    }

    private static String point(double x, int value, int top) {
      double y = CHART_HEIGHT - (double) value * (CHART_HEIGHT - 10) / top;
      return String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y);
    }
  }

  static final int CHART_WIDTH = 600;
  static final int CHART_HEIGHT = 160;

  /** The seat history chart, or null before anything was recorded. */
  public Chart getChart() {
    return chart;
  }

  private static Map<String, String> parameters() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
  }

  /** The decision asked for in the address, described, or null when none (or not understood). */
  private Proposal proposal(Map<String, String> params) {
    String undo = params.get("undo");
    if (undo != null) {
      for (PeopleJson.Decision d : concat(links, refusals)) {
        if (Long.toString(d.id()).equals(undo)) {
          return new Proposal(
              d.kind(),
              d.serverId(),
              d.userId(),
              d.memberLogin(),
              d.id(),
              (d.kind().equals("link")
                      ? "Remove the link of account "
                      : "Remove the refusal for account ")
                  + d.userId()
                  + " of "
                  + d.serverId()
                  + (d.kind().equals("link") ? " to member " : " and member ")
                  + d.memberLogin()
                  + "? Matching then follows the emails again.");
        }
      }
      problem = "That link or refusal does not exist (any more); nothing changed.";
      return null;
    }
    String kind = params.get("decide");
    if (kind == null) {
      return null;
    }
    String server = params.getOrDefault("server", "");
    String member = params.getOrDefault("member", "").strip();
    long user;
    try {
      user = Long.parseLong(params.getOrDefault("user", ""));
    } catch (NumberFormatException notANumber) {
      user = 0;
    }
    if (!(kind.equals("link") || kind.equals("not_same"))
        || user < 1
        || !TextRules.fits(server, TextRules.SERVER_ID)
        || member.isEmpty()
        || !TextRules.fits(member, TextRules.LOGIN)) {
      problem = "Name a Server account and a member's login; nothing changed.";
      return null;
    }
    String text =
        kind.equals("link")
            ? "Link account "
                + user
                + " of server "
                + server
                + " to member "
                + member
                + "? They then count as one person, at once and after every sync, until you remove"
                + " the link."
            : "Mark account "
                + user
                + " of server "
                + server
                + " as not the same person as member "
                + member
                + "? Matching will no longer join them, whatever their emails say.";
    return new Proposal(kind, server, user, member, null, text);
  }

  private static List<PeopleJson.Decision> concat(
      List<PeopleJson.Decision> a, List<PeopleJson.Decision> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /**
   * The confirming step: applies the proposal the form posted back (the same parameters as the
   * address that proposed it, so the proposal is read again exactly), then shows the result.
   */
  @OwnerPageAction
  public String confirm() {
    if (proposal == null) {
      return null;
    }
    long before = summary.total();
    ManualLink.Kind what =
        proposal.kind().equals("link") ? ManualLink.Kind.LINK : ManualLink.Kind.NOT_SAME;
    try {
      if (proposal.undoId() != null) {
        people.undo(enterprise, what, proposal.undoId(), session.getLogin());
      } else {
        people.decide(
            enterprise,
            what,
            proposal.serverId(),
            proposal.userId(),
            proposal.memberLogin(),
            session.getLogin());
      }
    } catch (ApiException refused) {
      PageMessages.refusal(refused);
      return null;
    }
    long after = people.summary(enterprise).total();
    PageMessages.info(
        "Done. Seats consumed: "
            + before
            + " → "
            + after
            + (after == before ? " (the count did not change)." : "."));
    PageMessages.keepForNextPage();
    return "/cloud/seats.xhtml?faces-redirect=true";
  }

  public PeopleJson.Summary getSummary() {
    return summary;
  }

  public List<PeopleJson.Person> getPeople() {
    return found.people();
  }

  public long getTotal() {
    return found.totalCount();
  }

  public Pager getPager() {
    return pager;
  }

  public String getSource() {
    return source;
  }

  public String getQuery() {
    return query;
  }

  public PeopleJson.Person getPerson() {
    return person;
  }

  public List<PeopleJson.LikelyDuplicate> getDuplicates() {
    return duplicates;
  }

  public long getDuplicatesTotal() {
    return duplicatesTotal;
  }

  public List<PeopleJson.Decision> getLinks() {
    return links;
  }

  public List<PeopleJson.Decision> getRefusals() {
    return refusals;
  }

  /**
   * What is wrong with what the address asked for (a person, a decision), shown in the page: the
   * bean is made while the page renders, after the messages at its top.
   */
  public String getProblem() {
    return problem;
  }

  /** What is wrong with the "Counts on" filter as given, or null. */
  public String getSourceError() {
    return sourceError;
  }

  /** What is wrong with the search as given, or null. */
  public String getQueryError() {
    return queryError;
  }

  public Proposal getProposal() {
    return proposal;
  }

  /** Where a person counts, in words. */
  public String where(String source) {
    return switch (source) {
      case "cloud" -> "Cloud only";
      case "server" -> "Server only";
      default -> "Cloud and Server";
    };
  }

  /** How a person's accounts joined them, in words. */
  public String matchedBy(String rule) {
    return switch (rule) {
      case "manual_link" -> "Linked by an owner";
      case "saml_name_id" -> "SAML NameID";
      case "verified_email" -> "Verified email";
      case "primary_email" -> "Same primary email on several Servers";
      default -> "—";
    };
  }
}
