package io.licensesync.alerts;

/** How a webhook delivery reads on an audit trail. */
public final class Webhooks {

  private Webhooks() {}

  public static String outcome(Webhook.Delivered delivery) {
    return (delivery.failure() == null
            ? "delivered, HTTP " + delivery.status()
            : "not delivered: " + delivery.failure())
        + ", "
        + delivery.attempts()
        + (delivery.attempts() == 1 ? " attempt" : " attempts")
        + ", alert "
        + delivery.alert().alertId();
  }
}
