package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The "Members" page: the members the signed-in owner's enterprise provisioned, 50 to a page
 * ({@code ?page=N}, only that page read and the counts made by the database), read through the same
 * boundary as the members API, with whether each consumes a Cloud seat by {@link CloudSeatRules},
 * the rule matching uses.
 */
@Named
@RequestScoped
public class MembersPage {

  static final int PER_PAGE = 50;

  private Pager pager = Pager.of(null, 0, PER_PAGE);

  @Inject CloudSession session;
  @Inject Enterprises enterprises;

  private List<MemberRow> rows;
  private int total;
  private long consumingSeats;

  @PostConstruct
  void load() {
    Enterprise enterprise = enterprises.require(session.getEnterprise());
    total = (int) enterprises.memberCount(enterprise.id());
    consumingSeats = enterprises.membersConsumingSeats(enterprise.id());
    pager = Pager.ofThisRequest(total, PER_PAGE);
    int from = pager.offset();
    rows =
        from >= total
            ? List.of()
            : enterprises.members(enterprise.id(), from, PER_PAGE).stream()
                .map(m -> MemberRow.of(m, enterprise))
                .toList();
  }

  public List<MemberRow> getMembers() {
    return rows;
  }

  public String getSummary() {
    if (total == 0) {
      return "No members are provisioned.";
    }
    String counts =
        total
            + (total == 1 ? " member, " : " members, ")
            + consumingSeats
            + " consuming a Cloud seat.";
    return pager.count() == 1
        ? counts
        : counts + " Page " + pager.number() + " of " + pager.count() + ".";
  }

  /** Which page of the members this is, and whether there are others. */
  public Pager getPager() {
    return pager;
  }

  /** One member, as the page shows them. */
  public record MemberRow(
      String login,
      String name,
      List<String> emails,
      String samlNameId,
      String role,
      String orgRoles,
      String pendingInvites,
      String twoFactor,
      String cloudSeat) {

    static MemberRow of(Member m, Enterprise enterprise) {
      return new MemberRow(
          m.login(),
          orDash(m.name()),
          m.emails().stream().map(e -> describe(e, enterprise)).toList(),
          orDash(m.samlNameId()),
          role(m),
          m.orgRoles().isEmpty() ? "—" : String.join(", ", m.orgRoles()),
          m.pendingInvites().isEmpty() ? "—" : String.join(", ", m.pendingInvites()),
          m.twoFactor() ? "On" : "Off",
          CloudSeatRules.consumesCloudSeat(m) ? "Yes" : "No");
    }

    private static String describe(MemberEmail email, Enterprise enterprise) {
      if (!email.verified()) {
        return email.address() + " (unverified)";
      }
      return email.address()
          + (enterprise.onVerifiedDomain(email.address())
              ? " (verified, verified domain)"
              : " (verified)");
    }

    private static String role(Member m) {
      return switch (m.role()) {
        case OWNER -> "Owner";
        case MEMBER -> "Member";
        case BILLING_MANAGER -> "Billing manager";
        case OUTSIDE_COLLABORATOR ->
            m.privateRepoAccess()
                ? "Outside collaborator (private repositories)"
                : "Outside collaborator";
      };
    }

    private static String orDash(String value) {
      return value == null || value.isBlank() ? "—" : value;
    }
  }
}
