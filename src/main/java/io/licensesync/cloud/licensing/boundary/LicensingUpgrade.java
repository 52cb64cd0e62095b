package io.licensesync.cloud.licensing.boundary;

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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After an upgrade that changed how consumed licenses are stored (migration V22 dropped the rows of
 * the old layout), matches again, soon after start, every enterprise that had people but has no
 * rows now, each in its own transaction. Each node may run it; an enterprise matched by another
 * node meanwhile is skipped (it is looked at again under its lock).
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class LicensingUpgrade {

  private static final Logger LOG = Logger.getLogger(LicensingUpgrade.class.getName());

  /** Enterprises whose latest seat change left people but that have no consumed licenses. */
  static final String UNMATCHED =
      "SELECT s.enterprise_id FROM seat_change s WHERE s.seats_after > 0"
          + " AND s.id = (SELECT MAX(x.id) FROM seat_change x WHERE x.enterprise_id ="
          + " s.enterprise_id) AND NOT EXISTS (SELECT 1 FROM consumed_license c"
          + " WHERE c.enterprise_id = s.enterprise_id)";

  @Resource TimerService timers;
  @PersistenceContext EntityManager em;
  @Inject Roles roles;
  @Inject Licensing licensing;

  @PostConstruct
  void start() {
    if (roles.plays(Role.CLOUD)) {
      timers.createSingleActionTimer(1000, new TimerConfig("licensing upgrade", false));
    }
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void matchAgain() {
    @SuppressWarnings("unchecked")
    List<Number> unmatched = em.createNativeQuery(UNMATCHED).getResultList();
    for (Number enterpriseId : unmatched) {
      try {
        int people = licensing.rematchIfUnmatched(enterpriseId.longValue());
        LOG.info(
            () ->
                "Enterprise "
                    + enterpriseId
                    + " matched again after the upgrade: "
                    + people
                    + " people");
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Matching enterprise " + enterpriseId + " after the upgrade failed", e);
      }
    }
  }
}
