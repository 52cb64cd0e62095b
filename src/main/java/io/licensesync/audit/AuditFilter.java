package io.licensesync.audit;

import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which events of the trail to show: {@code actor} (a login, exactly), {@code action} (exactly, or
 * a prefix when it ends with {@code *}, e.g. {@code user.*}), {@code after} (inclusive) and {@code
 * before} (exclusive), each an ISO-8601 instant or a date (midnight UTC). Empty means no condition.
 * Bad input is refused as a whole, every field at fault named.
 */
public record AuditFilter(String actor, String action, Instant after, Instant before) {

  /** Every event. */
  public static final AuditFilter NONE = new AuditFilter(null, null, null, null);

  /** Reads the four parameters as clients type them; 422 naming each one at fault. */
  public static AuditFilter parse(String actor, String action, String after, String before) {
    List<ErrorBody.ErrorDetail> errors = new ArrayList<>();
    String actorText = text("actor", actor, TextRules.LOGIN, errors);
    String actionText = text("action", action, 64, errors);
    if (actionText != null && actionText.indexOf('*') >= 0 && !actionText.matches("[^*]*\\*")) {
      errors.add(detail("action", "action may hold * only at its end, as in user.*"));
    }
    Instant from = time("after", after, errors);
    Instant to = time("before", before, errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.add(detail("before", "before must be later than after"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new AuditFilter(actorText, actionText, from, to);
  }

  /** True when no condition is set. */
  public boolean isEmpty() {
    return actor == null && action == null && after == null && before == null;
  }

  /** The JPQL condition for an alias {@code e} (empty when none); bind {@link #parameters}. */
  public String where() {
    String conditions = and();
    return conditions.isEmpty() ? "" : " where" + conditions.substring(" and".length());
  }

  /** The same conditions, each after {@code and}, to follow another condition (empty when none). */
  public String and() {
    List<String> conditions = new ArrayList<>();
    if (actor != null) {
      conditions.add("e.actor = :actor");
    }
    if (action != null) {
      conditions.add(
          action.endsWith("*") ? "e.action like :action escape '!'" : "e.action = :action");
    }
    if (after != null) {
      conditions.add("e.at >= :after");
    }
    if (before != null) {
      conditions.add("e.at < :before");
    }
    return conditions.stream().map(c -> " and " + c).reduce("", String::concat);
  }

  /** The parameters {@link #where} names. */
  public Map<String, Object> parameters() {
    Map<String, Object> values = new java.util.HashMap<>();
    if (actor != null) {
      values.put("actor", actor);
    }
    if (action != null) {
      values.put(
          "action",
          action.endsWith("*")
              ? TextRules.likeLiteral(action.substring(0, action.length() - 1)) + "%"
              : action);
    }
    if (after != null) {
      values.put("after", after);
    }
    if (before != null) {
      values.put("before", before);
    }
    return values;
  }

  private static String text(
      String field, String value, int max, List<ErrorBody.ErrorDetail> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String problem = TextRules.problem(field, value, max).orElse(null);
    if (problem != null) {
      errors.add(detail(field, "the " + problem));
      return null;
    }
    return value.strip();
  }

  private static Instant time(String field, String value, List<ErrorBody.ErrorDetail> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    if (text.length() <= 40) {
      try {
        return text.length() == 10
            ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(text);
      } catch (DateTimeParseException notATime) {
        // refused below
      }
    }
    errors.add(
        detail(
            field,
            field
                + " must be a date (2026-12-01) or an ISO-8601 time in UTC (2026-12-01T09:30:00Z)"));
    return null;
  }

  private static ErrorBody.ErrorDetail detail(String field, String message) {
    return new ErrorBody.ErrorDetail("AuditEvent", field, "invalid", message);
  }
}
