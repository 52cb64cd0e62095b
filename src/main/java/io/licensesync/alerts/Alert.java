package io.licensesync.alerts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert of a role: raised once when its condition starts to hold, changed in place while it
 * holds (the seats dropping from 100 % to 90 % keep one alert), cleared when it stops. {@code
 * subject} tells alerts of one kind apart (an instance's server id); {@code level} orders them (the
 * seat percentage).
 */
@Entity
@Table(name = "alert")
@NamedQuery(
    name = Alert.OPEN,
    query =
        "select a from Alert a where a.role = :role and a.enterpriseId = :enterprise"
            + " and a.clearedAt is null order by a.raisedAt, a.id")
@NamedQuery(
    name = Alert.OPEN_OF_ROLE,
    query =
        "select a from Alert a where a.role = :role and a.enterpriseId is null"
            + " and a.clearedAt is null order by a.raisedAt, a.id")
public class Alert {

  public static final String OPEN = "Alert.open";
  public static final String OPEN_OF_ROLE = "Alert.openOfRole";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 8)
  private String role;

  @Column(name = "enterprise_id")
  private Long enterpriseId;

  @Column(nullable = false, length = 32)
  private String kind;

  @Column(nullable = false, length = 64)
  private String subject;

  @Column(name = "alert_level", nullable = false)
  private int level;

  @Column(nullable = false, length = 500)
  private String message;

  @Column(name = "raised_at", nullable = false)
  private Instant raisedAt;

  @Column(name = "cleared_at")
  private Instant clearedAt;

  protected Alert() {}

  public Alert(
      String role,
      Long enterpriseId,
      String kind,
      String subject,
      int level,
      String message,
      Instant raisedAt) {
    this.role = Objects.requireNonNull(role);
    this.enterpriseId = enterpriseId;
    this.kind = Objects.requireNonNull(kind);
    this.subject = Objects.requireNonNull(subject);
    this.level = level;
    this.message = message.length() > 500 ? message.substring(0, 500) : message;
    this.raisedAt = Objects.requireNonNull(raisedAt);
  }

  /** The condition still holds, now at {@code level} and told by {@code message}. */
  public void still(int level, String message) {
    this.level = level;
    this.message = message.length() > 500 ? message.substring(0, 500) : message;
  }

  public void clear(Instant at) {
    this.clearedAt = at;
  }

  public Long id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String subject() {
    return subject;
  }

  public int level() {
    return level;
  }

  public String message() {
    return message;
  }

  public Instant raisedAt() {
    return raisedAt;
  }

  public Instant clearedAt() {
    return clearedAt;
  }
}
