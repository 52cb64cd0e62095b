package io.licensesync.alerts;

import java.time.Instant;

/**
 * Fired inside the transaction that raised an alert; the webhook ({@link Webhook}) delivers it once
 * that transaction committed. {@code enterprise} is the Cloud enterprise's slug (null on a Server).
 */
public record AlertRaised(
    String role,
    Long enterpriseId,
    String enterprise,
    long alertId,
    String kind,
    String subject,
    int level,
    String message,
    Instant raisedAt) {

  public static AlertRaised of(Alert alert, String role, Long enterpriseId, String enterprise) {
    return new AlertRaised(
        role,
        enterpriseId,
        enterprise,
        alert.id(),
        alert.kind(),
        alert.subject(),
        alert.level(),
        alert.message(),
        alert.raisedAt());
  }
}
