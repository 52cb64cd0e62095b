package io.licensesync.audit;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Durations;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the audit trails as long as {@code licensesync.audit.retention} says (a year by default)
 * and no longer: a non-persistent timer deletes older events of each role this deployment plays,
 * soon after start and then at every check interval. Each node may run it; deleting twice deletes
 * nothing more.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class AuditRetention {

  private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

  @Resource TimerService timers;
  @PersistenceContext EntityManager em;
  @Inject Roles roles;

  @Inject
  @ConfigProperty(name = "licensesync.audit.retention", defaultValue = "P365D")
  String retention;

  @Inject
  @ConfigProperty(name = "licensesync.audit.retention-check-interval", defaultValue = "PT1H")
  String checkInterval;

  private Duration keep;

  @PostConstruct
  void start() {
    keep = Durations.positive(retention, "licensesync.audit.retention");
    long millis =
        Durations.positive(checkInterval, "licensesync.audit.retention-check-interval").toMillis();
    timers.createIntervalTimer(
        Math.min(millis, Duration.ofSeconds(30).toMillis()),
        millis,
        new TimerConfig("audit retention", false));
  }

  @Timeout
  void purge() {
    Instant cutoff = StoredTime.now().minus(keep);
    if (roles.plays(Role.SERVER)) {
      deleteBefore("AuditEvent", cutoff);
    }
    if (roles.plays(Role.CLOUD)) {
      deleteBefore("CloudAuditEvent", cutoff);
    }
  }

  private void deleteBefore(String entity, Instant cutoff) {
    int deleted =
        em.createQuery("delete from " + entity + " e where e.at < :cutoff")
            .setParameter("cutoff", cutoff)
            .executeUpdate();
    if (deleted > 0) {
      LOG.info(() -> "Deleted " + deleted + " " + entity + " rows older than " + keep);
    }
  }
}
