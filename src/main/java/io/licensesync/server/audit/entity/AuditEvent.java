package io.licensesync.server.audit.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change or refused attempt: who, when, which action, from what to what. Never holds a
 * secret, a password or an email address.
 */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.NEWEST_FIRST, query = "select e from AuditEvent e order by e.id desc")
@NamedQuery(
    name = AuditEvent.DELETE_BEFORE,
    query = "delete from AuditEvent e where e.at < :cutoff")
public class AuditEvent {

  public static final String NEWEST_FIRST = "AuditEvent.newestFirst";
  public static final String DELETE_BEFORE = "AuditEvent.deleteBefore";

  @Id
  @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String actor;

  @Column(nullable = false, length = 64)
  private String action;

  @Column(name = "from_value", length = 200)
  private String fromValue;

  @Column(name = "to_value", length = 200)
  private String toValue;

  @Column(length = 500)
  private String details;

  protected AuditEvent() {}

  public AuditEvent(
      Instant at, String actor, String action, String fromValue, String toValue, String details) {
    this.at = Objects.requireNonNull(at);
    this.actor = Objects.requireNonNull(actor);
    this.action = Objects.requireNonNull(action);
    this.fromValue = cut(fromValue, 200);
    this.toValue = cut(toValue, 200);
    this.details = cut(details, 500);
  }

  /**
   * The trail describes; a value longer than its column (a long URL in the details) is shortened,
   * never refused.
   */
  private static String cut(String text, int max) {
    String kept = withoutEmails(text);
    return kept == null || kept.length() <= max ? kept : kept.substring(0, max - 1) + "…";
  }

  /**
   * The trail never holds an email address, even one an admin typed into a reason or a note: each
   * is replaced by {@code [email]}.
   */
  static String withoutEmails(String text) {
    return text == null || text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("[email]");
  }

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("[^\\s@<>()\\[\\],;:\"']+@[^\\s@<>()\\[\\],;:\"']+");

  public Long id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String fromValue() {
    return fromValue;
  }

  public String toValue() {
    return toValue;
  }

  public String details() {
    return details;
  }
}
