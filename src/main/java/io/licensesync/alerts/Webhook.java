package io.licensesync.alerts;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The optional alerts webhook ({@code licensesync.alerts.webhook.url}): once the transaction that
 * raised an alert committed, its JSON is delivered in the background, signed with {@code
 * licensesync.alerts.webhook.secret}, retried ({@link WebhookSender}); each delivery's outcome is
 * fired as {@link Delivered} for the role's audit trail. The URL comes from configuration only,
 * never from a request; the secret is never logged.
 */
@ApplicationScoped
public class Webhook {

  private static final Logger LOG = Logger.getLogger(Webhook.class.getName());

  /** How one alert's delivery ended: the status (0 when none came), attempts, and why it failed. */
  public record Delivered(AlertRaised alert, int status, int attempts, String failure) {}

  @Inject
  @ConfigProperty(name = "licensesync.alerts.webhook.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "licensesync.alerts.webhook.secret")
  Optional<String> secret;

  @Inject
  @ConfigProperty(name = "licensesync.alerts.webhook.timeout", defaultValue = "PT10S")
  String timeout;

  /** At most this many deliveries at once; an alert beyond them is recorded as not delivered. */
  @Inject
  @ConfigProperty(name = "licensesync.alerts.webhook.max-in-flight", defaultValue = "16")
  int maxInFlight;

  private volatile Semaphore inFlight;

  @Resource ManagedExecutorService executor;
  @Inject WebhookSender sender;
  @Inject Event<Delivered> delivered;

  void onRaised(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertRaised alert) {
    if (url.isEmpty() || url.get().isBlank()) {
      return;
    }
    String body = body(alert);
    Semaphore slots = slots();
    boolean acquired = slots.tryAcquire();
    try {
      if (acquired) {
        executor.submit(
            () -> {
              try {
                deliver(alert, body);
              } finally {
                slots.release();
              }
            });
      } else {
        // recorded on another thread too: this one's transaction has just ended
        executor.submit(
            () ->
                given(
                    alert,
                    0,
                    0,
                    maxInFlight + " deliveries already in flight (the receiver is slow or down)"));
      }
    } catch (RuntimeException refused) {
      if (acquired) {
        slots.release();
      }
      LOG.warning(
          () ->
              "Alert "
                  + alert.alertId()
                  + " webhook not delivered: the executor refused it ("
                  + refused.getClass().getSimpleName()
                  + ")");
    }
  }

  private Semaphore slots() {
    Semaphore slots = inFlight;
    if (slots == null) {
      synchronized (this) {
        slots = inFlight;
        if (slots == null) {
          slots = new Semaphore(Math.max(1, maxInFlight));
          inFlight = slots;
        }
      }
    }
    return slots;
  }

  private void deliver(AlertRaised alert, String body) {
    AtomicInteger attempts = new AtomicInteger();
    int status = 0;
    String failure = null;
    try {
      status =
          sender.send(
              url.get().strip(), secret.orElse(""), body, Duration.parse(timeout), attempts);
    } catch (WebhookSender.NotDelivered | WebhookSender.BadUrl e) {
      failure = e.getMessage();
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName();
    }
    given(alert, status, attempts.get(), failure);
  }

  /** Logs and announces how a delivery ended (never the URL, the secret or the body). */
  private void given(AlertRaised alert, int status, int attempts, String failure) {
    String outcome = failure;
    int answered = status;
    LOG.log(
        failure == null ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING,
        () ->
            "Alert "
                + alert.alertId()
                + " webhook "
                + (outcome == null ? "delivered (HTTP " + answered + ")" : "failed: " + outcome)
                + " after "
                + attempts
                + " attempts");
    delivered.fire(new Delivered(alert, status, attempts, failure));
  }

  /** The JSON posted: the role, the enterprise (Cloud) and the alert. */
  static String body(AlertRaised alert) {
    var json =
        Json.createObjectBuilder()
            .add("role", alert.role())
            .add(
                "alert",
                Json.createObjectBuilder()
                    .add("id", alert.alertId())
                    .add("kind", alert.kind())
                    .add("subject", alert.subject())
                    .add("level", alert.level())
                    .add("message", alert.message())
                    .add("raised_at", alert.raisedAt().toString()));
    if (alert.enterprise() != null) {
      json.add("enterprise", alert.enterprise());
    }
    return json.build().toString();
  }
}
