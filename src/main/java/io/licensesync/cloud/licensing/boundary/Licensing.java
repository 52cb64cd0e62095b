package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.enterprises.control.SeatCounts;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.cloud.instances.entity.InstanceAccount;
import io.licensesync.cloud.licensing.control.Person;
import io.licensesync.cloud.licensing.control.PersonMatcher;
import io.licensesync.cloud.licensing.control.ServerAccount;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.input.TextRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps each enterprise's consumed licenses matched: when members or usage change (inside the
 * changing transaction) it matches people again and rewrites the enterprise's rows in their stable
 * order; reads page through those rows by position and never recompute.
 */
@ApplicationScoped
@Transactional
public class Licensing implements SeatCounts {

  private static final Logger LOG = Logger.getLogger(Licensing.class.getName());
  private static final int BATCH = 1000;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.profile-base-url", defaultValue = "https://github.com/")
  String profileBase;

  void onUsageChanged(@Observes EnterpriseUsageChanged change) {
    rematch(change.enterpriseId());
  }

  /** Matches the enterprise's people again and stores the result; returns the number of people. */
  public int rematch(long enterpriseId) {
    long started = System.nanoTime();
    Enterprise enterprise = em.find(Enterprise.class, enterpriseId);
    List<Member> members =
        em.createNamedQuery(Member.OF_ENTERPRISE, Member.class)
            .setParameter("enterprise", enterpriseId)
            .getResultList();
    List<ServerAccount> accounts = new ArrayList<>();
    em.createQuery(
            "select i.hostname, a from InstanceAccount a, ConnectedInstance i"
                + " where a.instanceId = i.id and i.enterpriseId = :enterprise",
            Object[].class)
        .setParameter("enterprise", enterpriseId)
        .getResultStream()
        .forEach(
            row -> {
              InstanceAccount a = (InstanceAccount) row[1];
              accounts.add(
                  new ServerAccount(
                      (String) row[0], a.accountId(), a.primaryEmail(), a.otherEmails()));
              em.detach(a);
            });
    List<Person> people = PersonMatcher.match(members, accounts);
    em.createNamedQuery(ConsumedLicense.CLEAR)
        .setParameter("enterprise", enterpriseId)
        .executeUpdate();
    int seq = 0;
    for (Person person : people) {
      em.persist(toRow(enterprise, seq, person));
      if (++seq % BATCH == 0) {
        em.flush();
        em.clear();
      }
    }
    em.flush();
    int total = seq;
    LOG.fine(
        () ->
            "Matched " + total + " people in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return total;
  }

  private ConsumedLicense toRow(Enterprise enterprise, int seq, Person person) {
    List<String> ids = person.serverAccounts().stream().map(ServerAccount::userId).toList();
    List<String> serverEmails =
        person.serverAccounts().stream()
            .map(ServerAccount::primaryEmail)
            .filter(e -> e != null)
            .distinct()
            .toList();
    Member m = person.member();
    if (m == null) {
      return new ConsumedLicense(
          enterprise.id(),
          seq,
          null,
          "",
          "",
          "",
          false,
          List.of(),
          List.of(),
          List.of(),
          "",
          List.of(),
          null,
          ids,
          serverEmails,
          ids.size());
    }
    List<String> domainEmails =
        m.emails().stream()
            .filter(MemberEmail::verified)
            .map(MemberEmail::address)
            .filter(enterprise::onVerifiedDomain)
            .toList();
    return new ConsumedLicense(
        enterprise.id(),
        seq,
        m.id(),
        m.login(),
        m.name() == null ? "" : m.name(),
        profileBase + m.login(),
        person.consumesCloudSeat(),
        m.orgRoles(),
        List.of(m.role().apiName()),
        domainEmails,
        m.samlNameId() == null ? "" : m.samlNameId(),
        m.pendingInvites(),
        m.twoFactor(),
        ids,
        serverEmails,
        ids.size() + 1);
  }

  @Override
  public long peopleOn(long enterpriseId, String hostname) {
    // the hostname taken literally: a _ or % in it is no wildcard
    return em.createQuery(
            "select count(c) from ConsumedLicense c where c.enterpriseId = :enterprise"
                + " and (c.serverUserIds like :first escape '!' or c.serverUserIds like :later escape '!')",
            Long.class)
        .setParameter("enterprise", enterpriseId)
        .setParameter("first", TextRules.likeLiteral(hostname) + ":%")
        .setParameter("later", "%\n" + TextRules.likeLiteral(hostname) + ":%")
        .getSingleResult();
  }

  @Override
  public long seatsConsumed(long enterpriseId) {
    return em.createNamedQuery(ConsumedLicense.COUNT, Long.class)
        .setParameter("enterprise", enterpriseId)
        .getSingleResult();
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the enterprise's stable order. */
  public List<ConsumedLicense> rows(long enterpriseId, int from, int to) {
    return em.createNamedQuery(ConsumedLicense.PAGE, ConsumedLicense.class)
        .setParameter("enterprise", enterpriseId)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList();
  }
}
