package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.enterprises.control.SeatCounts;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.ChangedMembers;
import io.licensesync.cloud.licensing.control.ConsumedLicensesCsv;
import io.licensesync.cloud.licensing.control.Matching;
import io.licensesync.cloud.licensing.control.PeopleInOrder;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.database.Databases;
import io.licensesync.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Keeps each enterprise's consumed licenses matched: when members or usage change (inside the
 * changing transaction) it matches people again and rewrites the enterprise's rows in their stable
 * order; reads page through those rows by position and never recompute.
 */
@ApplicationScoped
@Transactional
public class Licensing implements SeatCounts {

  private static final Logger LOG = Logger.getLogger(Licensing.class.getName());

  @PersistenceContext EntityManager em;
  @Inject ConsumedLicenseHeads heads;
  @Inject AppClock clock;
  @Inject CloudAlerts alerts;

  /** How many days of seat history are kept (today included). */
  @Inject
  @ConfigProperty(name = "licensesync.cloud.seat-history.keep-days", defaultValue = "730")
  int keepDays;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.profile-base-url", defaultValue = "https://github.com/")
  String profileBase;

  /** PostgreSQL's work_mem while matching (set for the matching transaction only). */
  @Inject
  @ConfigProperty(name = "licensesync.cloud.matching-work-mem", defaultValue = "64MB")
  String workMem;

  void onUsageChanged(@Observes EnterpriseUsageChanged change) {
    rematch(change.enterpriseId(), change.cause(), change.upload(), change.members());
  }

  /** Matches the enterprise's people again (see {@link #rematch(long, String, AppliedUpload)}). */
  public int rematch(long enterpriseId, String cause) {
    return rematch(enterpriseId, cause, null, null);
  }

  /**
   * Matches the enterprise again when it had people but has no consumed licenses (after the upgrade
   * that changed their layout, see {@link LicensingUpgrade}); decided under its lock, so nodes
   * starting together match it once. Returns its people (-1 when nothing was to do).
   */
  public int rematchIfUnmatched(long enterpriseId) {
    em.find(Enterprise.class, enterpriseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    List<?> unmatched =
        em.createNativeQuery(LicensingUpgrade.UNMATCHED + " AND s.enterprise_id = ?1")
            .setParameter(1, enterpriseId)
            .getResultList();
    return unmatched.isEmpty() ? -1 : rematch(enterpriseId, "matching upgraded");
  }

  /** A matching of this many people or more logs its phases at INFO (smaller ones at FINE). */
  private static final int LOG_PHASES_FROM = Matching.LARGE;

  /**
   * Matches the enterprise's people again and stores the result; returns the number of people.
   * Set-based ({@link Matching}), on this transaction's connection; nothing is held whole. When the
   * change is an applied {@code upload}, what it changed on its instance is kept as well; when it
   * is a change of some {@code members} only, only the people they can touch are matched again.
   */
  public int rematch(
      long enterpriseId, String cause, AppliedUpload upload, ChangedMembers members) {
    long started = System.nanoTime();
    // matchings of one enterprise take turns (uploads of two of its instances, a member change)
    Enterprise enterprise =
        em.find(Enterprise.class, enterpriseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    // the changes of this transaction reach the database before plain JDBC reads it
    em.flush();
    LocalDate today = clock.today();
    Matching.Settings settings =
        new Matching.Settings(
            enterprise,
            profileBase,
            clock.now(),
            today,
            today.minusDays(Math.max(1, keepDays) - 1L),
            workMem);
    Matching.Result result =
        em.unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  // on H2 an upload matches everyone: its scoped people query, planned without
                  // hash joins, ran for minutes where an upload changed 20k of 100k accounts
                  // (RepeatedUploadsBenchmark); matching all of them there takes 6.4 s
                  if (upload != null
                      && upload.accounts() != null
                      && Databases.isPostgreSql(connection)) {
                    java.util.Optional<Matching.Result> scoped =
                        Matching.scopedUpload(connection, settings, cause, upload);
                    if (scoped.isPresent()) {
                      return scoped.get();
                    }
                  }
                  if (members != null && upload == null) {
                    java.util.Optional<Matching.Result> scoped =
                        Matching.scoped(connection, settings, cause, members);
                    if (scoped.isPresent()) {
                      return scoped.get();
                    }
                  }
                  return Matching.full(connection, settings, cause, upload);
                });
    alerts.seats(enterprise, result.people());
    long ended = System.nanoTime();
    Level level =
        Math.max(result.people(), result.before()) >= LOG_PHASES_FROM ? Level.INFO : Level.FINE;
    LOG.log(
        level,
        () ->
            "Matched "
                + result.people()
                + " people of enterprise "
                + enterpriseId
                + " in "
                + (ended - started) / 1_000_000
                + " ms ("
                + result.timing()
                + ")");
    return result.people();
  }

  /**
   * The people with an account on the instance, as the enterprise's last matching counted them
   * ({@code instance_people}, one row per instance): no walk over the people.
   */
  @Override
  public long peopleOn(long enterpriseId, String serverId) {
    List<?> people =
        em.createNativeQuery(
                "SELECT people FROM instance_people WHERE enterprise_id = ?1 AND server_id = ?2")
            .setParameter(1, enterpriseId)
            .setParameter(2, serverId)
            .getResultList();
    return people.isEmpty() ? 0 : ((Number) people.get(0)).longValue();
  }

  @Override
  public long seatsConsumed(long enterpriseId) {
    return heads.head(enterpriseId).total();
  }

  /**
   * One page of the enterprise's CSV report ({@link ConsumedLicensesCsv.Pages#read}), in a
   * transaction of its own: a slow download never holds a connection or a snapshot for longer than
   * a page.
   */
  public byte[] csvPage(long enterpriseId, byte[] after, int limit, ConsumedLicensesCsv.Row row) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> ConsumedLicensesCsv.page(connection, enterpriseId, after, limit, row));
  }

  /**
   * People {@code from} (inclusive) to {@code to} (exclusive) of the enterprise's stable order
   * ({@link PeopleInOrder#page}): from the anchor at or before {@code from}, skipping fewer than
   * {@value ConsumedLicense#ANCHOR_EVERY} people, whatever the position.
   */
  public List<ConsumedLicense> rows(long enterpriseId, int from, int to) {
    return em.unwrap(Session.class)
        .doReturningWork(connection -> PeopleInOrder.page(connection, enterpriseId, from, to));
  }
}
