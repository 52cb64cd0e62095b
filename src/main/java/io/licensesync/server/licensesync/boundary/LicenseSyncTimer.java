package io.licensesync.server.licensesync.boundary;

import io.licensesync.input.Durations;
import io.licensesync.metrics.Meters;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The weekly schedule's clock: a non-persistent EJB timer that checks every minute (configurable)
 * whether a run is due. When the run is due lives in the database, not in the timer, because Payara
 * Micro loses persistent timers on restart; so a run that fell due while the application was down
 * happens at the first check after start, and with several nodes exactly one claims it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class LicenseSyncTimer {

  @Resource TimerService timers;
  @Inject SyncRuns runs;
  @Inject Roles roles;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "licensesync.server.license-sync.check-interval", defaultValue = "PT1M")
  String checkInterval;

  @PostConstruct
  void start() {
    if (roles.plays(Role.SERVER)) {
      runs.recoverAfterRestart();
      long millis =
          Durations.positive(checkInterval, "licensesync.server.license-sync.check-interval")
              .toMillis();
      timers.createIntervalTimer(
          Math.min(millis, Duration.ofSeconds(5).toMillis()),
          millis,
          new TimerConfig("license-sync due check", false));
    }
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void check() {
    meters.tick(Meters.LICENSE_SYNC_CHECK);
    runs.runIfDue();
    runs.checkAlerts();
  }
}
