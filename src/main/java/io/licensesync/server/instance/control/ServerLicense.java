package io.licensesync.server.instance.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The license this Server runs under, from configuration: seats (a number or {@code unlimited}),
 * kind and expiry. Computes the figures of the license API from the seats in use.
 */
@ApplicationScoped
public class ServerLicense {

  /** The time format the real license API uses, e.g. {@code 2016/02/06 12:41:52 -0600}. */
  private static final DateTimeFormatter EXPIRE_AT =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss xx", Locale.ROOT);

  @Inject
  @ConfigProperty(name = "licensesync.server.license.seats", defaultValue = "100")
  String seats;

  @Inject
  @ConfigProperty(name = "licensesync.server.license.kind", defaultValue = "standard")
  String kind;

  @Inject
  @ConfigProperty(
      name = "licensesync.server.license.expires-at",
      defaultValue = "2030-12-31T23:59:59Z")
  String expiresAt;

  /** Seats purchased, or -1 for an unlimited license. */
  public long seats() {
    if ("unlimited".equalsIgnoreCase(seats.strip())) {
      return -1;
    }
    try {
      long value = Long.parseLong(seats.strip());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "licensesync.server.license.seats must be a number of seats or 'unlimited'", e);
    }
  }

  public Instant expiresAt() {
    try {
      return Instant.parse(expiresAt.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          "licensesync.server.license.expires-at must be an ISO-8601 instant", e);
    }
  }

  /** A digest identifying this license (seats, kind, expiry), sent with license usage. */
  public String hash() {
    return io.licensesync.security.Tokens.digest(
        seats.strip() + "|" + kind.strip() + "|" + expiresAt.strip());
  }

  public LicenseInformation information(long seatsUsed, Instant now) {
    long purchased = seats();
    Object seatsValue = purchased < 0 ? "unlimited" : (Object) purchased;
    Object available = purchased < 0 ? "unlimited" : (Object) Math.max(0, purchased - seatsUsed);
    Instant expiry = expiresAt();
    long days = Math.max(0, ChronoUnit.DAYS.between(now, expiry));
    return new LicenseInformation(
        seatsValue,
        seatsUsed,
        available,
        kind,
        (int) days,
        EXPIRE_AT.format(expiry.atZone(ZoneId.of("UTC"))));
  }

  /** The body of {@code GET /enterprise/settings/license}. */
  public record LicenseInformation(
      Object seats,
      long seatsUsed,
      Object seatsAvailable,
      String kind,
      int daysUntilExpiration,
      String expireAt) {}
}
