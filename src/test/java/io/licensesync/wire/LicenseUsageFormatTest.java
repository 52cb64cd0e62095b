package io.licensesync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseUsageFormatTest {

  private static final LicenseUsageDocument.Metadata META =
      new LicenseUsageDocument.Metadata(
          "upload-1",
          "srv-1",
          "ghe.example.com",
          "3.17.0",
          "hash",
          "key",
          List.of(
              new LicenseUsageDocument.Feature(
                  "license_usage_sync", Instant.parse("2026-11-01T10:00:00Z"))),
          Instant.parse("2026-11-25T10:00:00Z"));

  private static byte[] write(List<LicenseUsageDocument.Account> accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LicenseUsageWriter writer = new LicenseUsageWriter(out, META)) {
      accounts.forEach(writer::account);
    }
    return out.toByteArray();
  }

  private static LicenseUsageDocument.Metadata read(
      String json, List<LicenseUsageDocument.Account> into) {
    return LicenseUsageReader.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), into::add);
  }

  @Test
  void whatTheServerWritesTheCloudReadsBack() {
    List<LicenseUsageDocument.Account> sent =
        List.of(
            new LicenseUsageDocument.Account(
                1,
                List.of(
                    new LicenseUsageDocument.Email("a@x.example", true),
                    new LicenseUsageDocument.Email("b@x.example", false))),
            new LicenseUsageDocument.Account(2, List.of()));
    List<LicenseUsageDocument.Account> received = new ArrayList<>();
    LicenseUsageDocument.Metadata metadata =
        LicenseUsageReader.read(new ByteArrayInputStream(write(sent)), received::add);
    assertEquals(META, metadata);
    assertEquals(sent, received);
  }

  @Test
  void nothingButIdsAndEmailsOfAccountsIsWritten() {
    String json =
        new String(
            write(
                List.of(
                    new LicenseUsageDocument.Account(
                        42, List.of(new LicenseUsageDocument.Email("a@x.example", true))))),
            StandardCharsets.UTF_8);
    assertTrue(
        json.contains("{\"id\":42,\"emails\":[{\"email\":\"a@x.example\",\"primary\":true}]}"),
        json);
  }

  @Test
  void unknownFieldsAreSkippedNotKept() {
    List<LicenseUsageDocument.Account> received = new ArrayList<>();
    read(
        "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\"h\",\"version\":\"v\",\"extra\":{\"a\":[1]},"
            + "\"accounts\":[{\"id\":1,\"login\":\"mona\",\"emails\":[{\"email\":\"m@x.example\",\"primary\":true,\"name\":\"Mona\"}]}]}",
        received);
    assertEquals(
        List.of(
            new LicenseUsageDocument.Account(
                1, List.of(new LicenseUsageDocument.Email("m@x.example", true)))),
        received);
  }

  @Test
  void badDocumentsAreRefusedWithAReason() {
    String head =
        "{\"format\":1,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\"h\",\"version\":\"v\",";
    assertReason("not valid JSON", "{\"format\":1,");
    assertReason("must be a JSON object", "[1,2]");
    assertReason(
        "format must be 1",
        "{\"format\":2,\"upload_id\":\"u\",\"server_id\":\"s\",\"hostname\":\"h\",\"version\":\"v\",\"accounts\":[]}");
    assertReason(
        "server_id is missing",
        "{\"format\":1,\"upload_id\":\"u\",\"hostname\":\"h\",\"version\":\"v\",\"accounts\":[]}");
    assertReason("accounts is missing", head.substring(0, head.length() - 1) + "}");
    assertReason(
        "accounts[0].id must be a positive whole number", head + "\"accounts\":[{\"id\":-1}]}");
    assertReason("appears twice", head + "\"accounts\":[{\"id\":1},{\"id\":1}]}");
    assertReason(
        "exactly one primary email",
        head
            + "\"accounts\":[{\"id\":1,\"emails\":[{\"email\":\"a@x.example\",\"primary\":false}]}]}");
    assertReason(
        "is not an email address",
        head + "\"accounts\":[{\"id\":1,\"emails\":[{\"email\":\"nope\",\"primary\":true}]}]}");
    assertReason(
        "generated_at must be an ISO-8601 time",
        head + "\"generated_at\":\"yesterday\",\"accounts\":[]}");
  }

  private static void assertReason(String expected, String json) {
    LicenseUsageReader.InvalidUsageException e =
        assertThrows(
            LicenseUsageReader.InvalidUsageException.class, () -> read(json, new ArrayList<>()));
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }
}
