package io.licensesync.audit;

import java.time.Instant;

/** One audit event as both roles' REST APIs show it. */
public record AuditEventJson(
    long id, Instant at, String actor, String action, String from, String to, String details) {

  public static AuditEventJson of(AuditRecord e) {
    return new AuditEventJson(
        e.id(), e.at(), e.actor(), e.action(), e.fromValue(), e.toValue(), e.details());
  }
}
