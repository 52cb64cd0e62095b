package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.enterprises.control.SeatCounts;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged.AppliedUpload;
import io.licensesync.cloud.instances.control.BulkInsert;
import io.licensesync.cloud.licensing.control.LicenseRows;
import io.licensesync.cloud.licensing.control.MatchQuery;
import io.licensesync.cloud.licensing.control.SeatChanges;
import io.licensesync.cloud.licensing.control.SeatTally;
import io.licensesync.cloud.licensing.control.UploadChanges;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.database.Databases;
import io.licensesync.input.TextRules;
import io.licensesync.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Statement;
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
  private static final int BATCH = 5000;

  @PersistenceContext EntityManager em;
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
    rematch(change.enterpriseId(), change.cause(), change.upload());
  }

  /** Matches the enterprise's people again (see {@link #rematch(long, String, AppliedUpload)}). */
  public int rematch(long enterpriseId, String cause) {
    return rematch(enterpriseId, cause, null);
  }

  /** A matching of this many people or more logs its phases at INFO (smaller ones at FINE). */
  private static final int LOG_PHASES_FROM = 10_000;

  /**
   * Matches the enterprise's people again and stores the result; returns the number of people.
   * Set-based: the people stream from one ordered query ({@link MatchQuery}) and their rows go back
   * in batches (COPY on PostgreSQL), on this transaction's connection; nothing is held whole. When
   * the change is an applied {@code upload}, what it changed on its instance is kept as well
   * ({@link UploadChanges}).
   */
  public int rematch(long enterpriseId, String cause, AppliedUpload upload) {
    long started = System.nanoTime();
    long[] phases =
        new long[5]; // cleared, matched and written, tallied, seat changes, upload changes
    // within "matched and written": nanoseconds writing consumed licenses, and account states
    long[] writing = new long[2];
    // matchings of one enterprise take turns (uploads of two of its instances, a member change):
    // each rewrites all of its rows
    Enterprise enterprise =
        em.find(Enterprise.class, enterpriseId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    // the changes of this transaction reach the database before plain JDBC reads it
    em.flush();
    int total =
        em.unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  int before;
                  try (PreparedStatement clear =
                      connection.prepareStatement(
                          "DELETE FROM consumed_license WHERE enterprise_id = ?")) {
                    clear.setLong(1, enterpriseId);
                    before = clear.executeUpdate();
                  }
                  phases[0] = System.nanoTime();
                  if (MatchQuery.isPostgreSql(connection)
                      && workMem.matches("[0-9]{1,6}(kB|MB|GB)")) {
                    // sorts and hashes of a million rows in memory, for this transaction only
                    try (Statement set = connection.createStatement()) {
                      set.execute("SET LOCAL work_mem = '" + workMem + "'");
                    }
                  }
                  try (BulkInsert rows =
                          BulkInsert.into(
                              connection,
                              "consumed_license",
                              LicenseRows.COLUMNS,
                              LicenseRows.TYPES,
                              false);
                      UploadChanges changes =
                          upload == null ? null : UploadChanges.start(connection, upload)) {
                    int[] seq = {0};
                    SeatTally tally = new SeatTally();
                    MatchQuery.stream(
                        connection,
                        enterpriseId,
                        person -> {
                          rows.row(LicenseRows.values(enterprise, seq[0]++, person, profileBase));
                          tally.count(person);
                          if (changes != null) {
                            changes.add(person);
                          }
                          if (seq[0] % BATCH == 0) {
                            long copying = System.nanoTime();
                            rows.flush();
                            long copied = System.nanoTime();
                            writing[0] += copied - copying;
                            if (changes != null) {
                              changes.flush();
                              writing[1] += System.nanoTime() - copied;
                            }
                          }
                        });
                    long finishing = System.nanoTime();
                    rows.finish();
                    phases[1] = System.nanoTime();
                    writing[0] += phases[1] - finishing;
                    tally.storeInstancePeople(connection, enterpriseId);
                    LocalDate today = clock.today();
                    LocalDate keepFrom = today.minusDays(Math.max(1, keepDays) - 1L);
                    tally.storeHistory(
                        connection, enterpriseId, today, enterprise.seatsPurchased(), keepFrom);
                    phases[2] = System.nanoTime();
                    if (statisticsStale(before, seq[0])) {
                      // the anti-joins of "since when" below plan with the rows just written
                      // counted: with an empty table's statistics they ran row by row (13 s for
                      // 20k people)
                      Databases.analyze(connection, "consumed_license", "person_seen");
                    }
                    SeatChanges.record(
                        connection, enterpriseId, clock.now(), cause, before, seq[0], keepFrom);
                    phases[3] = System.nanoTime();
                    if (changes != null) {
                      changes.finish(clock.now(), keepFrom);
                    }
                    phases[4] = System.nanoTime();
                    return seq[0];
                  }
                });
    alerts.seats(enterprise, total);
    long ended = System.nanoTime();
    Level level = total >= LOG_PHASES_FROM ? Level.INFO : Level.FINE;
    LOG.log(
        level,
        () ->
            "Matched "
                + total
                + " people of enterprise "
                + enterpriseId
                + " in "
                + (ended - started) / 1_000_000
                + " ms (old rows cleared "
                + (phases[0] - started) / 1_000_000
                + ", matched and written "
                + (phases[1] - phases[0]) / 1_000_000
                + " (of which writing consumed licenses "
                + writing[0] / 1_000_000
                + ", account states "
                + writing[1] / 1_000_000
                + ")"
                + ", tallied "
                + (phases[2] - phases[1]) / 1_000_000
                + ", since-when and seat change "
                + (phases[3] - phases[2]) / 1_000_000
                + ", upload changes "
                + (phases[4] - phases[3]) / 1_000_000
                + ", alerts "
                + (ended - phases[4]) / 1_000_000
                + ")");
    return total;
  }

  /**
   * Whether the people's tables changed enough since the last matching ({@code before} people,
   * {@code after} now) that PostgreSQL's statistics of them mislead its plans: from {@value
   * #LOG_PHASES_FROM} people, a change of more than a fifth.
   */
  static boolean statisticsStale(int before, int after) {
    return after >= LOG_PHASES_FROM && Math.abs((long) after - before) * 5 > before;
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
    Number last =
        (Number)
            em.createNamedQuery(ConsumedLicense.COUNT)
                .setParameter("enterprise", enterpriseId)
                .getSingleResult();
    return last == null ? 0 : last.longValue() + 1;
  }

  /**
   * The enterprise's version and number of people, read by one statement (one snapshot, one round
   * trip): the count always belongs to the version, so a page kept under a version is never older
   * than it. Every page of consumed licenses asks this first, so it is plain JDBC: through JPQL the
   * two queries were a fifth of a cached page's time.
   */
  public Head head(long enterpriseId) {
    return em.unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT (SELECT MAX(id) FROM seat_change WHERE enterprise_id = ?),"
                          + " (SELECT MAX(seq_no) FROM consumed_license WHERE enterprise_id = ?)")) {
                query.setLong(1, enterpriseId);
                query.setLong(2, enterpriseId);
                try (java.sql.ResultSet row = query.executeQuery()) {
                  row.next();
                  long version = row.getLong(1);
                  long last = row.getLong(2);
                  return new Head(version, row.wasNull() ? 0 : last + 1);
                }
              }
            });
  }

  /**
   * What the pages of consumed licenses are made of ({@link #head}): {@code version} changes with
   * every committed rematch of the enterprise (each one records a seat change under a new id; read
   * from the database so every node agrees; 0 before the first), {@code total} is its people.
   */
  public record Head(long version, long total) {}

  /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the enterprise's stable order. */
  public List<ConsumedLicense> rows(long enterpriseId, int from, int to) {
    return em.createNamedQuery(ConsumedLicense.PAGE, ConsumedLicense.class)
        .setParameter("enterprise", enterpriseId)
        .setParameter("from", from)
        .setParameter("to", to)
        .setHint("org.hibernate.readOnly", true)
        .getResultList();
  }
}
