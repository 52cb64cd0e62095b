package io.licensesync.cloud.licensing.boundary;

import io.licensesync.alerts.Alert;
import io.licensesync.alerts.AlertRaised;
import io.licensesync.alerts.Conditions;
import io.licensesync.alerts.Webhook;
import io.licensesync.alerts.Webhooks;
import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.SyncStatus;
import io.licensesync.input.Durations;
import io.licensesync.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An enterprise's alerts: seats consumed reaching each threshold of purchased (80, 90, 100 % by
 * default), checked whenever matching ran; an instance that has not synced for longer than its
 * weekly interval plus a grace period, or whose last upload failed, checked when alerts are read.
 * Each fires once per crossing ({@link Conditions}) and is logged without personal data.
 */
@ApplicationScoped
@Transactional
public class CloudAlerts {

  static final String ROLE = "cloud";
  static final String SEATS = "seats";
  static final String OVERDUE = "instance_overdue";
  static final String FAILING = "instance_failing";

  private static final Logger LOG = Logger.getLogger(CloudAlerts.class.getName());

  @PersistenceContext EntityManager em;
  @Inject AppClock clock;
  @Inject CloudAudit audit;
  @Inject Event<AlertRaised> raisedEvents;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.alerts.seat-thresholds", defaultValue = "80,90,100")
  String thresholds;

  /** An instance is overdue after its weekly interval plus a day's grace, by default. */
  @Inject
  @ConfigProperty(name = "licensesync.cloud.alerts.overdue-after", defaultValue = "P8D")
  String overdueAfter;

  /** After matching: the seat alert for {@code seats} consumed of the enterprise's purchased. */
  public void seats(Enterprise enterprise, long seats) {
    int purchased = enterprise.seatsPurchased();
    int level = 0;
    for (int threshold : thresholds()) {
      if (purchased > 0 ? seats * 100 >= (long) threshold * purchased : seats > 0) {
        level = Math.max(level, threshold);
      }
    }
    List<Conditions.Holding> holding = new ArrayList<>(1);
    if (level > 0) {
      holding.add(
          new Conditions.Holding(
              "",
              level,
              "Seats consumed reached "
                  + level
                  + " % of purchased: "
                  + seats
                  + " of "
                  + purchased
                  + "."));
    }
    Conditions.apply(
        em,
        ROLE,
        enterprise.id(),
        SEATS,
        open(enterprise.id()),
        holding,
        clock.now(),
        a -> raised(enterprise, a));
  }

  /** The enterprise's open alerts, the instances' checked now. */
  public List<Alert> open(Enterprise enterprise) {
    Instant now = clock.now();
    Duration overdue = Durations.positive(overdueAfter, "licensesync.cloud.alerts.overdue-after");
    List<Conditions.Holding> late = new ArrayList<>();
    List<Conditions.Holding> failing = new ArrayList<>();
    for (ConnectedInstance instance :
        em.createNamedQuery(ConnectedInstance.OF_ENTERPRISE, ConnectedInstance.class)
            .setParameter("enterprise", enterprise.id())
            .getResultList()) {
      Instant last =
          instance.lastSuccessAt() != null ? instance.lastSuccessAt() : instance.connectedAt();
      if (last.plus(overdue).isBefore(now)) {
        late.add(
            new Conditions.Holding(
                instance.serverId(),
                0,
                instance.hostname()
                    + (instance.lastSuccessAt() == null
                        ? " has never synced since it was connected on "
                        : " has not synced since ")
                    + last
                    + " (expected at least every "
                    + overdue.toDays()
                    + " days)."));
      }
      if (instance.lastSyncStatus() == SyncStatus.FAILURE) {
        failing.add(
            new Conditions.Holding(
                instance.serverId(),
                0,
                "The last upload of "
                    + instance.hostname()
                    + " failed: "
                    + instance.lastSyncError()));
      }
    }
    List<Alert> open = open(enterprise.id());
    Conditions.apply(
        em, ROLE, enterprise.id(), OVERDUE, open, late, now, a -> raised(enterprise, a));
    Conditions.apply(
        em, ROLE, enterprise.id(), FAILING, open, failing, now, a -> raised(enterprise, a));
    em.flush();
    return open(enterprise.id());
  }

  private List<Alert> open(long enterpriseId) {
    return em.createNamedQuery(Alert.OPEN, Alert.class)
        .setParameter("role", ROLE)
        .setParameter("enterprise", enterpriseId)
        .getResultList();
  }

  private void raised(Enterprise enterprise, Alert alert) {
    audit.record(enterprise.id(), "alert.raised", null, alert.kind(), alert.message());
    raisedEvents.fire(AlertRaised.of(alert, ROLE, enterprise.id(), enterprise.slug()));
    LOG.info(() -> "Alert raised: " + alert.kind() + " " + alert.subject() + " " + alert.level());
  }

  /** Records each webhook delivery of this role's alerts on the enterprise's audit log. */
  void onDelivered(@Observes Webhook.Delivered delivery) {
    AlertRaised alert = delivery.alert();
    if (ROLE.equals(alert.role()) && alert.enterpriseId() != null) {
      audit.record(
          alert.enterpriseId(), "alert.webhook", null, alert.kind(), Webhooks.outcome(delivery));
    }
  }

  private int[] thresholds() {
    try {
      return Arrays.stream(thresholds.split(","))
          .map(String::strip)
          .mapToInt(Integer::parseInt)
          .filter(t -> t > 0)
          .toArray();
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "licensesync.cloud.alerts.seat-thresholds must be percentages such as 80,90,100", e);
    }
  }
}
