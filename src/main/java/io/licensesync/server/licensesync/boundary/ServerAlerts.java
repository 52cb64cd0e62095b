package io.licensesync.server.licensesync.boundary;

import io.licensesync.alerts.Alert;
import io.licensesync.alerts.AlertRaised;
import io.licensesync.alerts.Conditions;
import io.licensesync.alerts.Webhook;
import io.licensesync.alerts.Webhooks;
import io.licensesync.input.Durations;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.entity.SyncRun;
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
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This Server's alerts: the newest finished license sync run failed (or was interrupted), and,
 * while license sync is enabled, no run has succeeded for longer than the interval plus a grace
 * period. Checked when alerts are read (the pages' banner, the REST API); each fires once per
 * crossing ({@link Conditions}), audited as {@code alert.raised}.
 */
@ApplicationScoped
@Transactional
public class ServerAlerts {

  static final String ROLE = "server";
  static final String FAILED = "sync_failed";
  static final String OVERDUE = "sync_overdue";

  private static final Logger LOG = Logger.getLogger(ServerAlerts.class.getName());

  @PersistenceContext EntityManager em;
  @Inject RunLedger ledger;
  @Inject AppClock clock;
  @Inject Audit audit;
  @Inject Event<AlertRaised> raisedEvents;

  /** Records each webhook delivery of this role's alerts on the audit trail. */
  void onDelivered(@Observes Webhook.Delivered delivery) {
    if (ROLE.equals(delivery.alert().role())) {
      audit.record(
          "(system)", "alert.webhook", null, delivery.alert().kind(), Webhooks.outcome(delivery));
    }
  }

  @Inject
  @ConfigProperty(name = "licensesync.server.alerts.overdue-grace", defaultValue = "P1D")
  String grace;

  /**
   * The open alerts, checked now. Checks take turns (a lock on the role's {@code alert_guard} row):
   * pages, the REST API, the due-check timer and the end of each run all check, on any node.
   */
  public List<Alert> open() {
    em.createNativeQuery("select role from alert_guard where role = ?1 for update")
        .setParameter(1, ROLE)
        .getResultList();
    Instant now = clock.now();
    List<Conditions.Holding> failed = new ArrayList<>(1);
    ledger
        .lastFinished()
        .filter(run -> run.status() != SyncRun.Status.SUCCESS)
        .ifPresent(
            run ->
                failed.add(
                    new Conditions.Holding(
                        "",
                        0,
                        "License sync run "
                            + run.id()
                            + " "
                            + (run.status() == SyncRun.Status.INTERRUPTED
                                ? "was interrupted"
                                : "failed")
                            + (run.error() == null ? "." : ": " + run.error())
                            + " Seats on the Cloud are counted from the last successful sync.")));
    List<Conditions.Holding> overdue = new ArrayList<>(1);
    CloudConnection connection = em.find(CloudConnection.class, CloudConnection.THE_ONE);
    if (connection != null && connection.licenseSyncEnabled()) {
      Instant since = lastSuccess().orElse(connection.licenseSyncChangedAt());
      Duration allowed =
          ledger
              .interval()
              .plus(Durations.positive(grace, "licensesync.server.alerts.overdue-grace"));
      if (since != null && since.plus(allowed).isBefore(now)) {
        overdue.add(
            new Conditions.Holding(
                "",
                0,
                "No license sync has succeeded since "
                    + since
                    + " (expected at least every "
                    + allowed.toDays()
                    + " days)."));
      }
    }
    List<Alert> open = open(em);
    Conditions.apply(em, ROLE, null, FAILED, open, failed, now, this::raised);
    Conditions.apply(em, ROLE, null, OVERDUE, open, overdue, now, this::raised);
    em.flush();
    return open(em);
  }

  private Optional<Instant> lastSuccess() {
    return em.createQuery(
            "select r.finishedAt from SyncRun r where r.status = :success order by r.id desc",
            Instant.class)
        .setParameter("success", SyncRun.Status.SUCCESS)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private static List<Alert> open(EntityManager em) {
    return em.createNamedQuery(Alert.OPEN_OF_ROLE, Alert.class)
        .setParameter("role", ROLE)
        .getResultList();
  }

  private void raised(Alert alert) {
    audit.record("(system)", "alert.raised", null, alert.kind(), alert.message());
    raisedEvents.fire(AlertRaised.of(alert, ROLE, null, null));
    LOG.info(() -> "Alert raised: " + alert.kind());
  }
}
