package io.licensesync.server.instance.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerLicenseTest {

  private static ServerLicense license(String seats, String expiresAt) {
    ServerLicense license = new ServerLicense();
    license.seats = seats;
    license.kind = "standard";
    license.expiresAt = expiresAt;
    return license;
  }

  @Test
  void availableSeatsArePurchasedMinusUsed() {
    ServerLicense.LicenseInformation info =
        license("100", "2027-01-01T00:00:00Z")
            .information(37, Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals(100L, info.seats());
    assertEquals(37, info.seatsUsed());
    assertEquals(63L, info.seatsAvailable());
    assertEquals(31, info.daysUntilExpiration());
    assertEquals("2027/01/01 00:00:00 +0000", info.expireAt());
  }

  @Test
  void overUseShowsNoSeatsAvailableRatherThanANegativeNumber() {
    ServerLicense.LicenseInformation info =
        license("10", "2027-01-01T00:00:00Z")
            .information(12, Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals(0L, info.seatsAvailable());
  }

  @Test
  void anUnlimitedLicenseSaysSoAsTheRealApiDoes() {
    ServerLicense.LicenseInformation info =
        license("unlimited", "2027-01-01T00:00:00Z")
            .information(5, Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals("unlimited", info.seats());
    assertEquals("unlimited", info.seatsAvailable());
  }

  @Test
  void anExpiredLicenseHasNoDaysLeft() {
    assertEquals(
        0,
        license("10", "2026-01-01T00:00:00Z")
            .information(1, Instant.parse("2026-12-01T00:00:00Z"))
            .daysUntilExpiration());
  }

  @Test
  void aMisconfiguredLicenseNamesTheKey() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> license("many", "2027-01-01T00:00:00Z").seats());
    assertEquals(true, e.getMessage().contains("licensesync.server.license.seats"));
  }
}
