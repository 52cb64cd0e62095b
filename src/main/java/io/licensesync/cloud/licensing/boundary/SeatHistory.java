package io.licensesync.cloud.licensing.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.time.AppClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An enterprise's seats day by day, as matching recorded them: every day of a range, a day without
 * a record carrying the last recorded values (nothing changed that day), days before the first
 * record left out. At most {@value #MAX_DAYS} days at once.
 */
@ApplicationScoped
@Transactional
public class SeatHistory {

  static final int MAX_DAYS = 3660;
  static final int DEFAULT_DAYS = 90;

  @PersistenceContext EntityManager em;
  @Inject AppClock clock;

  /** Seats on one instance that day. */
  public record InstanceDay(String serverId, String hostname, int people) {}

  /** One day of the history. */
  public record Day(
      LocalDate date,
      int total,
      int cloudOnly,
      int serverOnly,
      int both,
      int purchased,
      List<InstanceDay> instances) {}

  /** The days from {@code from} to {@code to}, both included. */
  public record Range(LocalDate from, LocalDate to, List<Day> days) {}

  /**
   * The range asked for: {@code to} defaults to today, {@code from} to {@value #DEFAULT_DAYS} days
   * before it; 422 naming the parameter when a date is not {@code YYYY-MM-DD}, {@code from} is
   * after {@code to}, or the range is longer than {@value #MAX_DAYS} days.
   */
  public Range range(long enterpriseId, String fromText, String toText) {
    LocalDate to = date("to", toText, clock.today());
    LocalDate from = date("from", fromText, to.minusDays(DEFAULT_DAYS - 1L));
    if (from.isAfter(to)) {
      throw ApiException.invalid("Parameter", "from", "invalid", "from must not be after to");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ApiException.invalid(
          "Parameter", "from", "invalid", "a range is at most " + MAX_DAYS + " days");
    }
    return new Range(from, to, days(enterpriseId, from, to));
  }

  /** The range as CSV: a header, then one line per day. */
  public static String csv(Range range) {
    StringBuilder csv = new StringBuilder("date,total,cloud_only,server_only,both,purchased\r\n");
    for (Day day : range.days()) {
      csv.append(day.date())
          .append(',')
          .append(day.total())
          .append(',')
          .append(day.cloudOnly())
          .append(',')
          .append(day.serverOnly())
          .append(',')
          .append(day.both())
          .append(',')
          .append(day.purchased())
          .append("\r\n");
    }
    return csv.toString();
  }

  /** The name a downloaded range is saved as. */
  public static String fileName(String slug, Range range) {
    return "seat-history-" + slug + "-" + range.from() + "-" + range.to() + ".csv";
  }

  private static LocalDate date(String name, String text, LocalDate absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          "Parameter", name, "invalid", name + " must be a date such as 2026-12-04");
    }
  }

  private List<Day> days(long enterpriseId, LocalDate from, LocalDate to) {
    // the last record on or before from seeds the range; then every record within it
    @SuppressWarnings("unchecked")
    List<Object[]> seed =
        em.createNativeQuery(
                "SELECT on_day, total, cloud_only, server_only, both_sides, purchased FROM seat_history"
                    + " WHERE enterprise_id = ?1 AND on_day <= ?2 ORDER BY on_day DESC")
            .setParameter(1, enterpriseId)
            .setParameter(2, Date.valueOf(from))
            .setMaxResults(1)
            .getResultList();
    @SuppressWarnings("unchecked")
    List<Object[]> within =
        em.createNativeQuery(
                "SELECT on_day, total, cloud_only, server_only, both_sides, purchased FROM seat_history"
                    + " WHERE enterprise_id = ?1 AND on_day > ?2 AND on_day <= ?3 ORDER BY on_day")
            .setParameter(1, enterpriseId)
            .setParameter(2, Date.valueOf(from))
            .setParameter(3, Date.valueOf(to))
            .getResultList();
    TreeMap<LocalDate, Object[]> recorded = new TreeMap<>();
    for (List<Object[]> rows : List.of(seed, within)) {
      for (Object[] row : rows) {
        recorded.put(localDate(row[0]), row);
      }
    }
    if (recorded.isEmpty()) {
      return List.of();
    }
    Map<LocalDate, List<InstanceDay>> instances = instances(enterpriseId, recorded.firstKey(), to);
    List<Day> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Map.Entry<LocalDate, Object[]> last = recorded.floorEntry(day);
      if (last == null) {
        continue;
      }
      Object[] r = last.getValue();
      days.add(
          new Day(
              day,
              number(r[1]),
              number(r[2]),
              number(r[3]),
              number(r[4]),
              number(r[5]),
              instances.getOrDefault(last.getKey(), List.of())));
    }
    return days;
  }

  private Map<LocalDate, List<InstanceDay>> instances(
      long enterpriseId, LocalDate from, LocalDate to) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT on_day, server_id, hostname, people FROM seat_history_instance"
                    + " WHERE enterprise_id = ?1 AND on_day >= ?2 AND on_day <= ?3"
                    + " ORDER BY on_day, hostname, server_id")
            .setParameter(1, enterpriseId)
            .setParameter(2, Date.valueOf(from))
            .setParameter(3, Date.valueOf(to))
            .getResultList();
    Map<LocalDate, List<InstanceDay>> byDay = new HashMap<>();
    for (Object[] r : rows) {
      byDay
          .computeIfAbsent(localDate(r[0]), d -> new ArrayList<>())
          .add(new InstanceDay((String) r[1], (String) r[2], number(r[3])));
    }
    return byDay;
  }

  private static LocalDate localDate(Object value) {
    return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
  }

  private static int number(Object value) {
    return ((Number) value).intValue();
  }
}
