package io.licensesync.alerts;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Brings a role's open alerts of one kind in line with the conditions that hold now: a condition
 * without an open alert raises one (the only moment it "fires": {@code raised} is told), an open
 * alert whose condition still holds is updated in place, one whose condition no longer holds is
 * cleared. So an alert fires once per crossing, however often this runs.
 */
public final class Conditions {

  /** A condition that holds now: its subject, level and message. */
  public record Holding(String subject, int level, String message) {}

  private Conditions() {}

  /**
   * Applies {@code holding} (every condition of {@code kind} that holds now) to the open alerts
   * {@code open} of that kind; new alerts are persisted and handed to {@code raised}.
   */
  public static void apply(
      EntityManager em,
      String role,
      Long enterpriseId,
      String kind,
      List<Alert> open,
      List<Holding> holding,
      Instant now,
      Consumer<Alert> raised) {
    Map<String, Alert> bySubject = new HashMap<>();
    for (Alert alert : open) {
      if (alert.kind().equals(kind)) {
        bySubject.put(alert.subject(), alert);
      }
    }
    for (Holding condition : holding) {
      Alert existing = bySubject.remove(condition.subject());
      if (existing == null || existing.level() < condition.level()) {
        if (existing != null) {
          existing.clear(now);
        }
        Alert alert =
            new Alert(
                role,
                enterpriseId,
                kind,
                condition.subject(),
                condition.level(),
                condition.message(),
                now);
        em.persist(alert);
        raised.accept(alert);
      } else {
        existing.still(condition.level(), condition.message());
      }
    }
    bySubject.values().forEach(alert -> alert.clear(now));
  }
}
