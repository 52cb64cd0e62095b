package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyLimitsTest {

  private final BodyLimits limits = new BodyLimits(1_000, 16_000, 64_000, 100_000, 50_000);

  @Test
  void membersProvisioningHasItsOwnLimitJsonOrCsv() {
    assertEquals(
        new BodyLimits.Limit(16_000, "licensesync.cloud.members.max-bytes", false),
        limits.of("POST", "/cloud/api/enterprises/acme/members", "text/csv"));
  }

  @Test
  void theBigUploadsKeepTheLimitsTheirResourcesAnswer() {
    assertEquals(
        new BodyLimits.Limit(100_000, "licensesync.cloud.upload.max-bytes", true),
        limits.of(
            "PUT",
            "/cloud/api/enterprises/acme/server-instances/s1/license-usage-uploads/u1",
            "application/json"));
    assertEquals(
        new BodyLimits.Limit(64_000, "licensesync.cloud.usage-file.max-bytes", true),
        limits.of("POST", "/cloud/api/enterprises/acme/server-usage-uploads", null));
    assertEquals(
        new BodyLimits.Limit(50_000, "licensesync.server.import.max-bytes", true),
        limits.of("POST", "/api/v3/admin/users/imports", "text/csv"));
  }

  @Test
  void theAddServerUsageFormTakesTheFileAndTheFieldsAroundIt() {
    assertEquals(
        64_000 + BodyLimits.FORM_OVERHEAD_BYTES,
        limits.of("POST", "/cloud/licensing.xhtml", "multipart/form-data; boundary=x").bytes());
    assertEquals(
        1_000,
        limits.of("POST", "/cloud/licensing.xhtml", "application/x-www-form-urlencoded").bytes());
  }

  @Test
  void everyOtherBodyAndEveryOddSpellingGetsTheSmallDefault() {
    assertEquals(1_000, limits.of("POST", "/api/v3/admin/users", "application/json").bytes());
    assertEquals(
        1_000,
        limits.of("POST", "/cloud/sign-in.xhtml", "application/x-www-form-urlencoded").bytes());
    assertEquals(
        1_000, limits.of("PUT", "/cloud/api/enterprises/acme/members", "application/json").bytes());
    assertEquals(
        1_000,
        limits
            .of("POST", "/cloud/api/enterprises/acme/members/../server-usage-uploads", null)
            .bytes());
    assertEquals(1_000, limits.of("POST", "/cloud/api//enterprises/acme/members", null).bytes());
    assertEquals(
        "licensesync.http.max-body-bytes",
        limits.of("PATCH", "/api/v3/admin/users/mona", null).key());
  }

  @Test
  void onlyTheAddServerUsagePageTakesMultipart() {
    assertTrue(BodyLimits.acceptsMultipart("POST", "/cloud/licensing.xhtml"));
    assertFalse(BodyLimits.acceptsMultipart("POST", "/cloud/sign-in.xhtml"));
    assertFalse(BodyLimits.acceptsMultipart("POST", "/server/sign-in.xhtml"));
    assertFalse(BodyLimits.acceptsMultipart("POST", "/cloud/members.xhtml"));
    assertTrue(BodyLimits.isMultipart(" Multipart/Form-Data; boundary=x"));
    assertFalse(BodyLimits.isMultipart("application/json"));
  }
}
