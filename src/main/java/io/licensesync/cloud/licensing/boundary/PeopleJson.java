package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.cloud.licensing.entity.ManualLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bodies of the people API: why each person counts ({@link Person}), the license summary, the
 * likely duplicates and an owner's decisions. Absent values (a Server-only person's login) are left
 * out of the JSON.
 */
public final class PeopleJson {

  private PeopleJson() {}

  /** A Server account of a person: its instance, its id there and the rule that joined it. */
  public record ServerAccount(String serverId, String hostname, long userId, String matchedBy) {

    /** How the consumed-licenses API names it. */
    public String hostnameId() {
      return hostname + ":" + userId;
    }
  }

  /** One rule that makes a part of the person consume a seat: {@code source} cloud or server. */
  public record Reason(String source, String rule) {}

  /** One email compared while matching, from the member's or the Server's side, and the outcome. */
  public record EmailComparison(String email, String side, boolean matched, String why) {}

  /**
   * A person counted: stable id, where they count, who they are when known, what identifies them
   * otherwise, their accounts and the rules. {@code comparedEmails} and {@code decisions} only in
   * the detail.
   */
  public record Person(
      String id,
      String source,
      String login,
      String name,
      String identifiedBy,
      List<String> emails,
      String memberLogin,
      String matchedBy,
      List<ServerAccount> serverAccounts,
      List<Reason> consumesBecause,
      int totalUserAccounts,
      Instant countingSince,
      List<EmailComparison> comparedEmails,
      List<Decision> decisions) {

    static Person of(ConsumedLicense row, Instant since) {
      return of(row, since, null, null);
    }

    static Person of(
        ConsumedLicense row,
        Instant since,
        List<EmailComparison> compared,
        List<Decision> decided) {
      List<ServerAccount> accounts = accounts(row);
      boolean member = row.memberId() != null;
      String source = !member ? "server" : accounts.isEmpty() ? "cloud" : "both";
      Set<String> emails = new LinkedHashSet<>(row.verifiedDomainEmails());
      emails.addAll(row.serverEmails());
      List<Reason> reasons = new ArrayList<>();
      row.cloudSeatReasons().forEach(r -> reasons.add(new Reason("cloud", r)));
      for (ServerAccount account : accounts) {
        reasons.add(
            new Reason(
                "server",
                "account "
                    + account.userId()
                    + " on "
                    + account.hostname()
                    + " consumes a seat there (not suspended, has signed in)"));
      }
      String identifiedBy =
          member
              ? row.login()
              : !row.serverEmails().isEmpty()
                  ? row.serverEmails().get(0)
                  : accounts.isEmpty() ? row.personId() : accounts.get(0).hostnameId();
      return new Person(
          row.personId(),
          source,
          member ? row.login() : null,
          member && !row.name().isEmpty() ? row.name() : null,
          identifiedBy,
          List.copyOf(emails),
          member ? row.login() : null,
          row.matchedBy(),
          accounts,
          reasons,
          row.totalUserAccounts(),
          since,
          compared,
          decided);
    }

    static List<ServerAccount> accounts(ConsumedLicense row) {
      List<ServerAccount> accounts = new ArrayList<>();
      for (String line : row.serverAccountLines()) {
        String[] parts = line.split("\t", -1);
        if (parts.length == 4) {
          accounts.add(new ServerAccount(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]));
        }
      }
      return accounts;
    }
  }

  /** What one change of the enterprise did to its seats. */
  public record SeatChange(
      long id,
      Instant changedAt,
      String cause,
      int peopleAdded,
      int peopleRemoved,
      int seatsBefore,
      int seatsAfter) {}

  /** A page of people. */
  public record People(long totalCount, List<Person> people) {}

  /** One connected instance in the summary. */
  public record InstanceSummary(
      String serverId, String hostname, long accounts, long people, long onlyHere) {}

  /** The enterprise's seats split by where people count. */
  public record Summary(
      long total,
      long purchased,
      long cloudOnly,
      long serverOnly,
      long both,
      List<InstanceSummary> instances) {}

  /**
   * A Server account counted apart from a member who is probably the same person, with the evidence
   * and a confidence from 0 to 1.
   */
  public record LikelyDuplicate(
      String personId,
      ServerAccount serverAccount,
      String memberLogin,
      String memberPersonId,
      String evidence,
      String explanation,
      double confidence) {}

  /** A page of likely duplicates, most likely first. */
  public record LikelyDuplicates(long totalCount, List<LikelyDuplicate> pairs) {}

  /**
   * An owner's link or refusal; {@code stale} when its Server account is no longer in its
   * instance's latest usage or its member is gone (the decision is kept and shown, not dropped).
   */
  public record Decision(
      long id,
      String kind,
      String serverId,
      long userId,
      String memberLogin,
      String createdBy,
      Instant createdAt,
      boolean stale,
      String staleBecause) {

    static Decision of(ManualLink link, String staleBecause) {
      return new Decision(
          link.id(),
          link.kind().apiName(),
          link.serverId(),
          link.accountId(),
          link.memberLogin(),
          link.createdBy(),
          link.createdAt(),
          staleBecause != null,
          staleBecause);
    }
  }
}
