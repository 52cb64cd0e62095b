package io.licensesync.server.audit.boundary;

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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the audit trail as long as {@code licensesync.server.audit.retention} says (a year by
 * default) and no longer: a non-persistent timer deletes older events soon after start and then at
 * every check interval. Each node may run it; deleting twice deletes nothing more.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class AuditRetention {

  private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

  @Resource TimerService timers;
  @Inject Audit audit;
  @Inject Roles roles;

  @Inject
  @ConfigProperty(name = "licensesync.server.audit.retention", defaultValue = "P365D")
  String retention;

  @Inject
  @ConfigProperty(name = "licensesync.server.audit.retention-check-interval", defaultValue = "PT1H")
  String checkInterval;

  private Duration keep;

  @PostConstruct
  void start() {
    if (roles.plays(Role.SERVER)) {
      keep = Durations.positive(retention, "licensesync.server.audit.retention");
      long millis =
          Durations.positive(checkInterval, "licensesync.server.audit.retention-check-interval")
              .toMillis();
      timers.createIntervalTimer(
          Math.min(millis, Duration.ofSeconds(30).toMillis()),
          millis,
          new TimerConfig("audit retention", false));
    }
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void purge() {
    try {
      int deleted = audit.deleteOlderThan(StoredTime.now().minus(keep));
      if (deleted > 0) {
        LOG.info(() -> "Deleted " + deleted + " audit events older than " + keep);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not delete old audit events; the next check tries again", e);
    }
  }
}
