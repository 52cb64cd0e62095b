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

  @Resource ManagedExecutorService executor;
  @Inject WebhookSender sender;
  @Inject Event<Delivered> delivered;

  void onRaised(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertRaised alert) {
    if (url.isEmpty() || url.get().isBlank()) {
      return;
    }
    String body = body(alert);
    executor.submit(() -> deliver(alert, body));
  }

  private void deliver(AlertRaised alert, String body) {
    AtomicInteger attempts = new AtomicInteger();
    int status = 0;
    String failure = null;
    try {
      status =
          sender.send(
              url.get().strip(), secret.orElse(""), body, Duration.parse(timeout), attempts);
    } catch (RuntimeException e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    String outcome = failure;
    int answered = status;
    LOG.info(
        () ->
            "Alert "
                + alert.alertId()
                + " webhook "
                + (outcome == null ? "delivered (HTTP " + answered + ")" : "failed: " + outcome)
                + " after "
                + attempts.get()
                + " attempts");
    delivered.fire(new Delivered(alert, status, attempts.get(), failure));
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
