package io.licensesync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseUsageReaderLimitsTest {

  private static final String HEAD =
      "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\"h\",\"version\":\"v\",";

  private static LicenseUsageReader.InvalidUsageException refused(String json) {
    List<LicenseUsageDocument.Account> received = new ArrayList<>();
    return assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThrows(
                LicenseUsageReader.InvalidUsageException.class,
                () ->
                    LicenseUsageReader.read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        received::add)));
  }

  private static String account(String id, String email) {
    return "{\"id\":" + id + ",\"emails\":[{\"email\":\"" + email + "\",\"primary\":true}]}";
  }

  @Test
  void anAccountIdOfThousandsOfDigitsIsRefusedNamingIt() {
    LicenseUsageReader.InvalidUsageException e =
        refused(HEAD + "\"accounts\":[" + account("9".repeat(5000), "a@x.example") + "]}");
    assertEquals("accounts[0].id", e.field());
    assertEquals(
        "accounts[0].id must be a positive whole number of at most 19 digits", e.getMessage());
  }

  @Test
  void anAccountIdWithAHugeExponentOrBeyondALongIsRefused() {
    assertEquals(
        "accounts[0].id",
        refused(HEAD + "\"accounts\":[" + account("1e999999999", "a@x.example") + "]}").field());
    assertEquals(
        "accounts[0].id",
        refused(HEAD + "\"accounts\":[" + account("9223372036854775808", "a@x.example") + "]}")
            .field());
    assertEquals(
        "accounts[0].id",
        refused(HEAD + "\"accounts\":[" + account("1.0", "a@x.example") + "]}").field());
  }

  @Test
  void aHugeFormatNumberIsRefused() {
    assertEquals(
        "format", refused("{\"format\":" + "1".repeat(4000) + ",\"accounts\":[]}").field());
  }

  @Test
  void overlongMetadataIsRefusedNamingTheField() {
    String doc =
        "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\""
            + "s".repeat(65)
            + "\",\"hostname\":\"h\",\"version\":\"v\",\"accounts\":[]}";
    LicenseUsageReader.InvalidUsageException e = refused(doc);
    assertEquals("server_id", e.field());
    assertEquals("server_id is longer than 64 characters", e.getMessage());
    e =
        refused(
            "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\""
                + "h".repeat(256)
                + "\",\"version\":\"v\",\"accounts\":[]}");
    assertEquals("hostname", e.field());
  }

  @Test
  void controlCharactersInTheHostnameOrAnEmailAreRefused() {
    assertEquals(
        "hostname",
        refused(
                "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\"h\\u0000x\",\"version\":\"v\",\"accounts\":[]}")
            .field());
    LicenseUsageReader.InvalidUsageException e =
        refused(HEAD + "\"accounts\":[" + account("1", "a\\u0000@x.example") + "]}");
    assertEquals("accounts[0].emails[0].email", e.field());
    assertEquals("accounts[0].emails[0].email must not contain control characters", e.getMessage());
  }

  @Test
  void anOverlongEmailIsRefused() {
    assertTrue(
        refused(HEAD + "\"accounts\":[" + account("1", "a".repeat(320) + "@x.example") + "]}")
            .getMessage()
            .contains("longer than 320"));
  }

  @Test
  void aDuplicateKeyIsRefusedAtAnyLevel() {
    assertTrue(
        refused("{\"format\":1,\"format\":1,\"accounts\":[]}")
            .getMessage()
            .contains("\"format\" appears twice"));
    assertTrue(
        refused(HEAD + "\"accounts\":[{\"id\":1,\"id\":2}]}")
            .getMessage()
            .contains("\"id\" appears twice"));
    assertTrue(
        refused(HEAD + "\"extra\":{\"a\":1,\"a\":2},\"accounts\":[]}")
            .getMessage()
            .contains("\"a\" appears twice"));
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedEvenInSkippedFields() {
    String deep =
        "[".repeat(LicenseUsageReader.MAX_DEPTH) + "]".repeat(LicenseUsageReader.MAX_DEPTH);
    assertEquals(
        "the document is nested deeper than 32 levels",
        refused(HEAD + "\"extra\":" + deep + ",\"accounts\":[]}").getMessage());
    assertEquals(
        "the document is nested deeper than 32 levels",
        refused(HEAD + "\"extra\":" + "[".repeat(200_000)).getMessage());
  }

  @Test
  void aSkippedFieldWithinTheLimitIsStillRead() {
    String nested = "[".repeat(20) + "]".repeat(20);
    List<LicenseUsageDocument.Account> received = new ArrayList<>();
    LicenseUsageReader.read(
        new ByteArrayInputStream(
            (HEAD + "\"extra\":" + nested + ",\"accounts\":[" + account("7", "a@x.example") + "]}")
                .getBytes(StandardCharsets.UTF_8)),
        received::add);
    assertEquals(7, received.get(0).id());
  }

  @Test
  void textAfterTheDocumentIsRefused() {
    refused(HEAD + "\"accounts\":[]} {}");
  }
}
