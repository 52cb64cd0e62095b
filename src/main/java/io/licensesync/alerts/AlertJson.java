package io.licensesync.alerts;

import java.time.Instant;

/** An open alert as both roles' alerts APIs answer it. */
public record AlertJson(
    long id, String kind, String subject, int level, String message, Instant raisedAt) {

  public static AlertJson of(Alert alert) {
    return new AlertJson(
        alert.id(),
        alert.kind(),
        alert.subject(),
        alert.level(),
        alert.message(),
        alert.raisedAt());
  }
}
