package io.licensesync.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Shows times in the viewer's time zone (told by the browser in the {@code tz} cookie, else UTC),
 * always with the zone named: {@code 2026-11-25 18:22 (Europe/Berlin)}; durations in words.
 */
@Named
@RequestScoped
public class Times {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private static final DateTimeFormatter WITH_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private static final ZoneId UTC = ZoneId.of("UTC");

  private ZoneId zone;

  public ZoneId zone() {
    if (zone == null) {
      zone = fromCookie();
    }
    return zone;
  }

  public String getZoneName() {
    return zone().getId();
  }

  /** The time, or "—" when there is none. */
  public String format(Instant at) {
    return at == null ? "—" : FORMAT.format(at.atZone(zone())) + " (" + zone().getId() + ")";
  }

  /** The time to the second, for the run history: {@code 2026-11-25 18:22:07 (Europe/Berlin)}. */
  public String seconds(Instant at) {
    return at == null ? "—" : WITH_SECONDS.format(at.atZone(zone())) + " (" + zone().getId() + ")";
  }

  /**
   * How long from {@code start} to {@code end} (or to now, for something still going on), in words
   * a person reads at a glance: {@code 850 ms}, {@code 12 s}, {@code 3 min 5 s}, {@code 2 h 4 min}.
   */
  public static String duration(Instant start, Instant end) {
    if (start == null) {
      return "—";
    }
    long millis =
        Math.max(
            0, java.time.Duration.between(start, end == null ? Instant.now() : end).toMillis());
    if (millis < 1000) {
      return millis + " ms";
    }
    long seconds = millis / 1000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  private static ZoneId fromCookie() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null
        && faces.getExternalContext().getRequest() instanceof HttpServletRequest request
        && request.getCookies() != null) {
      for (Cookie cookie : request.getCookies()) {
        if ("tz".equals(cookie.getName())) {
          try {
            return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
          } catch (DateTimeException | IllegalArgumentException unknown) {
            return UTC;
          }
        }
      }
    }
    return UTC;
  }
}
