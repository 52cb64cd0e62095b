package io.licensesync.monitoring;

import io.licensesync.database.LicenseSyncDataSource;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.entity.UserStats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
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

  private long count(String entity) {
    return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
  }
}
