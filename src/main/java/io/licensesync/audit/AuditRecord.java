package io.licensesync.audit;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One recorded change or refused attempt, as both roles keep them: who, when, which action, from
 * what to what. Never holds a secret, a password or an email address: an address in any text is
 * replaced by {@code [email]}, and text longer than its column is shortened, never refused.
 */
@MappedSuperclass
public abstract class AuditRecord {

  private static final Pattern EMAIL =
      Pattern.compile("[^\\s@<>()\\[\\],;:\"']+@[^\\s@<>()\\[\\],;:\"']+");

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

  protected AuditRecord() {}

  protected AuditRecord(
      Instant at, String actor, String action, String fromValue, String toValue, String details) {
    this.at = Objects.requireNonNull(at);
    this.actor = cut(Objects.requireNonNull(actor), TextRules.LOGIN);
    this.action = Objects.requireNonNull(action);
    this.fromValue = cut(fromValue, 200);
    this.toValue = cut(toValue, 200);
    this.details = cut(details, 500);
  }

  private static String cut(String text, int max) {
    String kept = withoutEmails(text);
    return kept == null || kept.length() <= max ? kept : kept.substring(0, max - 1) + "…";
  }

  /** {@code text} with each email address in it replaced by {@code [email]}. */
  public static String withoutEmails(String text) {
    return text == null || text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("[email]");
  }

  public abstract Long id();

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
