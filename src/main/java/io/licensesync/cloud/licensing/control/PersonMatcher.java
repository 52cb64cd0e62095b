package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.identity.Emails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matching, in one place: a Server account's primary email matches a member's SAML NameID first,
 * then a member's verified email (unverified emails never match); emails compare trimmed and
 * case-insensitively; Server accounts with the same primary email are one person whatever instance
 * they are on; what matches no member is a Server-only person. Members who consume a Cloud seat are
 * people even without Server accounts. The result is in a stable order: members by login, then
 * Server-only people by email.
 */
public final class PersonMatcher {

  private PersonMatcher() {}

  public static List<Person> match(Collection<Member> members, Collection<ServerAccount> accounts) {
    List<Member> ordered = new ArrayList<>(members);
    ordered.sort(
        Comparator.comparing((Member m) -> m.login().toLowerCase(java.util.Locale.ROOT))
            .thenComparing(Member::id, Comparator.nullsFirst(Comparator.naturalOrder())));
    Map<String, Member> byNameId = new HashMap<>();
    Map<String, Member> byVerifiedEmail = new HashMap<>();
    for (Member member : ordered) {
      if (member.samlNameId() != null && !member.samlNameId().isBlank()) {
        byNameId.putIfAbsent(Emails.keyOf(member.samlNameId()), member);
      }
      for (MemberEmail email : member.emails()) {
        if (email.verified()) {
          byVerifiedEmail.putIfAbsent(email.key(), member);
        }
      }
    }
    Map<Member, List<ServerAccount>> ofMember = new LinkedHashMap<>();
    Map<String, List<ServerAccount>> serverOnly = new HashMap<>();
    for (ServerAccount account : accounts) {
      String key = account.primaryEmail() == null ? null : Emails.keyOf(account.primaryEmail());
      Member member = key == null ? null : byNameId.getOrDefault(key, byVerifiedEmail.get(key));
      if (member != null) {
        ofMember.computeIfAbsent(member, m -> new ArrayList<>()).add(account);
      } else {
        String personKey = key != null ? key : "\uffff" + account.userId();
        serverOnly.computeIfAbsent(personKey, k -> new ArrayList<>()).add(account);
      }
    }
    List<Person> people = new ArrayList<>();
    for (Member member : ordered) {
      List<ServerAccount> matched = ofMember.getOrDefault(member, List.of());
      boolean cloudSeat = CloudSeatRules.consumesCloudSeat(member);
      if (cloudSeat || !matched.isEmpty()) {
        people.add(new Person(member, cloudSeat, sorted(matched)));
      }
    }
    serverOnly.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> people.add(new Person(null, false, sorted(e.getValue()))));
    return people;
  }

  private static List<ServerAccount> sorted(List<ServerAccount> accounts) {
    List<ServerAccount> copy = new ArrayList<>(accounts);
    copy.sort(
        Comparator.comparing(ServerAccount::hostname).thenComparingLong(ServerAccount::accountId));
    return List.copyOf(copy);
  }
}
