package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonMatcherTest {

  private static Member member(
      String login, String nameId, List<MemberProfile.Email> emails, List<String> orgRoles) {
    return new Member(
        1,
        new MemberProfile(
            login,
            login + " name",
            emails,
            nameId,
            EnterpriseRole.MEMBER,
            orgRoles,
            List.of(),
            false,
            true),
        Instant.now());
  }

  private static MemberProfile.Email verified(String address) {
    return new MemberProfile.Email(address, true);
  }

  private static MemberProfile.Email unverified(String address) {
    return new MemberProfile.Email(address, false);
  }

  private static ServerAccount account(String host, long id, String primary) {
    return new ServerAccount(host, id, primary, List.of());
  }

  @Test
  void theSamePersonOnTwoServersAndTheCloudCountsOnce() {
    Member mona =
        member("mona", null, List.of(verified("mona@octo.example")), List.of("octo:Member"));
    List<Person> people =
        PersonMatcher.match(
            List.of(mona),
            List.of(
                account("ghe-a.example", 1, "mona@octo.example"),
                account("ghe-b.example", 7, "mona@octo.example")));
    assertEquals(1, people.size());
    assertSame(mona, people.get(0).member());
    assertEquals(
        List.of("ghe-a.example:1", "ghe-b.example:7"),
        people.get(0).serverAccounts().stream().map(ServerAccount::userId).toList());
  }

  @Test
  void aCaseAndWhitespaceDifferenceStillMatches() {
    Member grace =
        member(
            "grace", null, List.of(verified("Grace.Hopper@Octo.example")), List.of("octo:Member"));
    List<Person> people =
        PersonMatcher.match(
            List.of(grace), List.of(account("ghe", 2, "  grace.hopper@OCTO.EXAMPLE ")));
    assertEquals(1, people.size());
    assertSame(grace, people.get(0).member());
  }

  @Test
  void anUnverifiedEmailDoesNotMatch() {
    Member ada =
        member("ada", null, List.of(unverified("ada@octo.example")), List.of("octo:Member"));
    List<Person> people =
        PersonMatcher.match(List.of(ada), List.of(account("ghe", 3, "ada@octo.example")));
    assertEquals(2, people.size());
    assertSame(ada, people.get(0).member());
    assertTrue(people.get(0).serverAccounts().isEmpty());
    assertNull(people.get(1).member(), "the Server account is a Server-only person");
  }

  @Test
  void aNameIdMatchWinsOverAVerifiedEmailOfAnotherMember() {
    Member byEmail =
        member(
            "aaa-by-email", null, List.of(verified("linus@octo.example")), List.of("octo:Member"));
    Member byNameId =
        member("zzz-by-nameid", "LINUS@octo.example", List.of(), List.of("octo:Member"));
    List<Person> people =
        PersonMatcher.match(
            List.of(byEmail, byNameId), List.of(account("ghe", 4, "linus@octo.example")));
    Person matched =
        people.stream().filter(p -> !p.serverAccounts().isEmpty()).findFirst().orElseThrow();
    assertSame(byNameId, matched.member());
    assertEquals(
        2, people.size(), "both members consume on the Cloud; the account belongs to one of them");
  }

  @Test
  void serverAccountsWithTheSamePrimaryEmailAreOneServerOnlyPerson() {
    List<Person> people =
        PersonMatcher.match(
            List.of(),
            List.of(
                account("a", 1, "hubot@example.com"),
                account("b", 9, "HUBOT@example.com"),
                account("b", 10, "other@example.com")));
    assertEquals(2, people.size());
    assertEquals(2, people.get(0).serverAccounts().size());
    assertFalse(people.get(0).consumesCloudSeat());
  }

  @Test
  void onlyThePrimaryEmailIsUsedForMatching() {
    Member ken = member("ken", null, List.of(verified("ken@octo.example")), List.of("octo:Member"));
    ServerAccount account =
        new ServerAccount("ghe", 5, "k@elsewhere.example", List.of("ken@octo.example"));
    List<Person> people = PersonMatcher.match(List.of(ken), List.of(account));
    assertEquals(2, people.size());
  }

  @Test
  void aMemberWhoConsumesNoCloudSeatCountsOnlyWhenMatchedToAServerAccount() {
    Member billing =
        new Member(
            1,
            new MemberProfile(
                "billy",
                null,
                List.of(verified("billy@octo.example")),
                null,
                EnterpriseRole.BILLING_MANAGER,
                List.of(),
                List.of(),
                false,
                false),
            Instant.now());
    assertEquals(0, PersonMatcher.match(List.of(billing), List.of()).size());
    List<Person> people =
        PersonMatcher.match(List.of(billing), List.of(account("ghe", 6, "billy@octo.example")));
    assertEquals(1, people.size());
    assertSame(billing, people.get(0).member());
    assertFalse(people.get(0).consumesCloudSeat());
  }

  @Test
  void accountsWithoutAPrimaryEmailAreEachTheirOwnPerson() {
    List<Person> people =
        PersonMatcher.match(List.of(), List.of(account("a", 1, null), account("a", 2, null)));
    assertEquals(2, people.size());
  }

  @Test
  void theOrderIsStableMembersByLoginThenServerOnlyByEmail() {
    Member b = member("Bob", null, List.of(), List.of("octo:Member"));
    Member a = member("alice", null, List.of(), List.of("octo:Member"));
    List<Person> people =
        PersonMatcher.match(
            List.of(b, a), List.of(account("h", 1, "z@x.example"), account("h", 2, "c@x.example")));
    assertEquals("alice", people.get(0).member().login());
    assertEquals("Bob", people.get(1).member().login());
    assertEquals("c@x.example", people.get(2).serverAccounts().get(0).primaryEmail());
    assertEquals("z@x.example", people.get(3).serverAccounts().get(0).primaryEmail());
  }
}
