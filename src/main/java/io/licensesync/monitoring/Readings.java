package io.licensesync.monitoring;

import io.licensesync.database.LicenseSyncDataSource;
import io.licensesync.metrics.Meters;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.entity.UserStats;
import io.licensesync.server.instance.control.ServerLicense;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.entity.SyncRun;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Reads what {@code /health} and {@code /metrics} report: whether the database answers, and a few
 * gauges of each role this deployment plays (accounts and seats used on the Server; enterprises,
 * connected instances and seats consumed on the Cloud) plus the JVM's memory.
 */
@ApplicationScoped
public class Readings {

  private static final Logger LOG = Logger.getLogger(Readings.class.getName());
  private static final int DATABASE_TIMEOUT_SECONDS = 3;

  @Resource(lookup = LicenseSyncDataSource.JNDI_NAME)
  DataSource dataSource;

  @PersistenceContext EntityManager em;
  @Inject Roles roles;
  @Inject Accounts accounts;
  @Inject ServerLicense license;
  @Inject Meters meters;
  @Inject RunLedger ledger;

  /** One health check's outcome; {@code data} is shown to site admins and the operator only. */
  public record Check(String name, boolean up, Map<String, Object> data) {}

  public Check database() {
    long start = System.nanoTime();
    Map<String, Object> data = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(DATABASE_TIMEOUT_SECONDS);
      data.put("product", connection.getMetaData().getDatabaseProductName());
      data.put("response_ms", (System.nanoTime() - start) / 1_000_000);
      return new Check("database", valid, data);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Health: the database does not answer: {0}", e.getMessage());
      data.put("error", e.getClass().getSimpleName());
      return new Check("database", false, data);
    }
  }

  /** The migrations check once it found none pending: it stays so, no need to ask Flyway again. */
  private volatile Check migrated;

  /** Ready only once this WAR's migrations are all applied to the database. */
  public Check migrations() {
    if (migrated != null) {
      return migrated;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    try {
      org.flywaydb.core.api.MigrationInfoService info =
          io.licensesync.database.Migrations.configure(dataSource, Readings.class.getClassLoader())
              .load()
              .info();
      int pending = info.pending().length;
      data.put("version", info.current() == null ? "none" : info.current().getVersion().toString());
      data.put("pending", pending);
      Check check = new Check("migrations", pending == 0, data);
      if (check.up()) {
        migrated = check;
      }
      return check;
    } catch (RuntimeException e) {
      data.put("error", e.getClass().getSimpleName());
      return new Check("migrations", false, data);
    }
  }

  /**
   * Live while this node's timers tick: the node heartbeat and, on a Server, the license sync's due
   * check, each within three of its intervals (a minute's grace after start).
   */
  public Check timers() {
    Map<String, Object> data = new LinkedHashMap<>();
    boolean up = true;
    Map<String, java.time.Duration> timers = new LinkedHashMap<>();
    timers.put(
        Meters.NODE_HEARTBEAT,
        interval("licensesync.node.heartbeat-interval", java.time.Duration.ofSeconds(20)));
    if (roles.plays(Role.SERVER)) {
      timers.put(
          Meters.LICENSE_SYNC_CHECK,
          interval(
              "licensesync.server.license-sync.check-interval", java.time.Duration.ofMinutes(1)));
    }
    Instant now = Instant.now();
    Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    for (Map.Entry<String, java.time.Duration> timer : timers.entrySet()) {
      Optional<Instant> last = meters.lastTick(timer.getKey());
      up &= ticking(last, started, timer.getValue(), now);
      data.put(
          timer.getKey().replace(' ', '_') + "_last_tick",
          last.map(Instant::toString).orElse("not yet"));
    }
    return new Check("timers", up, data);
  }

  /**
   * Whether a timer of {@code interval} still ticks at {@code now}: its last tick (or, before its
   * first, the node's start) is less than three intervals and a minute ago.
   */
  static boolean ticking(
      Optional<Instant> lastTick, Instant started, java.time.Duration interval, Instant now) {
    java.time.Duration allowed = interval.multipliedBy(3).plus(java.time.Duration.ofMinutes(1));
    return lastTick.orElse(started).plus(allowed).isAfter(now);
  }

  /**
   * The license sync as a site admin sees it: last run, last success and last problem. Informative
   * only: a Cloud outage or a failed sync does not make the node unready.
   */
  public Check licenseSync() {
    Map<String, Object> data = new LinkedHashMap<>();
    lastSuccessfulSync().ifPresent(at -> data.put("last_success_at", at.toString()));
    ledger.page(0, 1).stream()
        .findFirst()
        .ifPresent(
            run -> {
              data.put("last_run_status", run.status().name().toLowerCase(java.util.Locale.ROOT));
              if (run.error() != null) {
                data.put("last_run_error", run.error());
              }
            });
    return new Check("license_sync", true, data);
  }

  private static java.time.Duration interval(String key, java.time.Duration otherwise) {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getOptionalValue(key, String.class)
        .map(value -> io.licensesync.input.Durations.positive(value, key))
        .orElse(otherwise);
  }

  public Check memory() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("heap_used_bytes", heap.getUsed());
    data.put("heap_max_bytes", heap.getMax());
    return new Check("memory", true, data);
  }

  /** A gauge: its Prometheus name, help text and value. */
  public record Gauge(String name, String help, String labels, double value) {}

  /** The application's gauges, then the JVM's; a role not played has none. */
  public java.util.List<Gauge> gauges() {
    java.util.List<Gauge> gauges = new java.util.ArrayList<>();
    if (roles.plays(Role.SERVER)) {
      UserStats stats = accounts.stats();
      gauges.add(
          new Gauge("licensesync_server_accounts", "Server user accounts", "", stats.totalUsers()));
      gauges.add(
          new Gauge(
              "licensesync_server_accounts_suspended",
              "Suspended Server user accounts",
              "",
              stats.suspendedUsers()));
      gauges.add(
          new Gauge(
              "licensesync_server_seats_used",
              "Server accounts that consume a license",
              "",
              accounts.seatsUsed()));
      long purchased = license.seats();
      if (purchased >= 0) {
        gauges.add(
            new Gauge(
                "licensesync_server_seats_purchased",
                "Seats of this Server's license (absent when unlimited)",
                "",
                purchased));
      }
      lastSuccessfulSync()
          .ifPresent(
              at ->
                  gauges.add(
                      new Gauge(
                          "licensesync_server_last_sync_success_age_seconds",
                          "Seconds since this Server's last successful license sync run ended",
                          "",
                          ageSeconds(at))));
    }
    if (roles.plays(Role.CLOUD)) {
      gauges.add(
          new Gauge(
              "licensesync_cloud_enterprises",
              "Cloud enterprise accounts",
              "",
              count("Enterprise")));
      gauges.add(
          new Gauge(
              "licensesync_cloud_connected_instances",
              "Server instances connected to Cloud enterprises",
              "",
              count("ConnectedInstance")));
      gauges.add(
          new Gauge(
              "licensesync_cloud_seats_consumed",
              "Licenses consumed across all Cloud enterprises (people after matching)",
              "",
              count("ConsumedLicense")));
      cloudGauges(gauges);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    gauges.add(
        new Gauge("jvm_memory_used_bytes", "JVM memory in use", "area=\"heap\"", heap.getUsed()));
    gauges.add(
        new Gauge(
            "jvm_memory_used_bytes", "JVM memory in use", "area=\"nonheap\"", nonHeap.getUsed()));
    gauges.add(
        new Gauge(
            "jvm_memory_committed_bytes",
            "JVM memory committed",
            "area=\"heap\"",
            heap.getCommitted()));
    gauges.add(
        new Gauge(
            "jvm_memory_committed_bytes",
            "JVM memory committed",
            "area=\"nonheap\"",
            nonHeap.getCommitted()));
    gauges.add(
        new Gauge(
            "jvm_memory_max_bytes",
            "JVM memory the heap may grow to",
            "area=\"heap\"",
            heap.getMax()));
    gauges.add(
        new Gauge(
            "process_uptime_seconds",
            "Seconds since the JVM started",
            "",
            ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
    return gauges;
  }

  /** Per enterprise: seats consumed and purchased; per connected instance: accounts, sync age. */
  private void cloudGauges(java.util.List<Gauge> gauges) {
    java.util.List<Object[]> enterprises =
        em.createQuery(
                "select e.slug, e.seatsPurchased, (select count(c) from ConsumedLicense c"
                    + " where c.enterpriseId = e.id) from Enterprise e order by e.slug",
                Object[].class)
            .getResultList();
    for (Object[] row : enterprises) {
      String labels = Meters.labels("enterprise", (String) row[0]);
      gauges.add(
          new Gauge(
              "licensesync_cloud_enterprise_seats_consumed",
              "Licenses an enterprise consumes (people after matching)",
              labels,
              ((Number) row[2]).doubleValue()));
      gauges.add(
          new Gauge(
              "licensesync_cloud_enterprise_seats_purchased",
              "Licenses an enterprise has purchased",
              labels,
              ((Number) row[1]).doubleValue()));
    }
    java.util.List<Object[]> instances =
        em.createQuery(
                "select e.slug, i.hostname, i.accountsCount, i.lastSuccessAt from ConnectedInstance"
                    + " i, Enterprise e where e.id = i.enterpriseId order by e.slug, i.hostname",
                Object[].class)
            .getResultList();
    for (Object[] row : instances) {
      String labels = Meters.labels("enterprise", (String) row[0], "hostname", (String) row[1]);
      gauges.add(
          new Gauge(
              "licensesync_cloud_instance_accounts",
              "Accounts in the last usage a connected Server instance sent",
              labels,
              ((Number) row[2]).doubleValue()));
      if (row[3] != null) {
        gauges.add(
            new Gauge(
                "licensesync_cloud_instance_last_success_age_seconds",
                "Seconds since a connected Server instance's usage was last applied",
                labels,
                ageSeconds((Instant) row[3])));
      }
    }
  }

  private Optional<Instant> lastSuccessfulSync() {
    return Optional.ofNullable(
        em.createQuery(
                "select max(r.finishedAt) from SyncRun r where r.status = :success", Instant.class)
            .setParameter("success", SyncRun.Status.SUCCESS)
            .getSingleResult());
  }

  private static double ageSeconds(Instant at) {
    return Math.max(0, java.time.Duration.between(at, Instant.now()).toMillis() / 1000.0);
  }

  private long count(String entity) {
    return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
  }
}
