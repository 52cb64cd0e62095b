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
 * always with the zone named: {@code 2026-11-25 18:22 (Europe/Berlin)}.
 */
@Named
@RequestScoped
public class Times {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

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
