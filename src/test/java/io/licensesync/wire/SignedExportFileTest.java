package io.licensesync.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import io.licensesync.testing.UsageDocs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignedExportFileTest {

  private static final ECKey SERVER = SignedExportFile.newKey(KeyUse.SIGNATURE);
  private static final ECKey ACME = SignedExportFile.newKey(KeyUse.ENCRYPTION);
  private static final Instant EXPORTED = Instant.parse("2026-11-25T12:00:00Z");

  private static byte[] usage() {
    return document(
        "export-1",
        List.of(
            new LicenseUsageDocument.Account(
                7,
                List.of(
                    new LicenseUsageDocument.Email("Mona@Example.com", true),
                    new LicenseUsageDocument.Email("mona@home.example", false))),
            new LicenseUsageDocument.Account(
                9, List.of(new LicenseUsageDocument.Email("hubot@example.com", true)))));
  }

  private static byte[] document(String uploadId, List<LicenseUsageDocument.Account> accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LicenseUsageWriter writer =
        new LicenseUsageWriter(
            out,
            new LicenseUsageDocument.Metadata(
                uploadId,
                "srv-1",
                "ghes.example.com",
                "3.17.0",
                null,
                null,
                List.of(),
                EXPORTED))) {
      accounts.forEach(writer::account);
    }
    return out.toByteArray();
  }

  private static String file(String enterprise, Optional<ECKey> encryptFor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignedExportFile.write(
        out,
        new SignedExportFile.Header("srv-1", "ghes.example.com", "3.17.0", EXPORTED, enterprise),
        usage(),
        SERVER,
        encryptFor);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static SignedExportFile.RefusedFile.Reason refusal(String file, String enterprise) {
    return assertThrows(
            SignedExportFile.RefusedFile.class,
            () -> SignedExportFile.open(file.getBytes(StandardCharsets.UTF_8), enterprise, ACME))
        .reason();
  }

  private static byte[] read(SignedExportFile.Opened opened) {
    try (InputStream in = opened.usage(Long.MAX_VALUE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject json(String file) {
    return Json.createReader(new StringReader(file)).readObject();
  }

  @Test
  void anUnencryptedFileSaysSoPlainlyAndOpensToTheSignedUsage() {
    String file = file(null, Optional.empty());
    assertFalse(json(file).getBoolean("encrypted"));
    assertTrue(json(file).getString("notice").contains("NOT encrypted"), file);
    SignedExportFile.Opened opened =
        SignedExportFile.open(file.getBytes(StandardCharsets.UTF_8), "acme", ACME);
    assertArrayEquals(usage(), read(opened));
    assertEquals(SignedExportFile.fingerprint(SERVER), opened.signingKeyFingerprint());
    assertFalse(opened.signingKey().isPrivate(), "only the public key travels");
    assertEquals("srv-1", opened.header().serverId());
    assertFalse(opened.encrypted());
  }

  @Test
  void anEncryptedFileHoldsNoEmailInClearAndOpensWithTheEnterpriseKey() {
    String file = file("acme", Optional.of(ACME.toPublicJWK()));
    assertTrue(json(file).getBoolean("encrypted"));
    assertFalse(file.contains("@"), "no email address (nor any '@') in the file's bytes: " + file);
    for (String part : List.of("mona", "hubot", "home.example")) {
      assertFalse(file.toLowerCase().contains(part), part + " appears in the file");
    }
    SignedExportFile.Opened opened =
        SignedExportFile.open(file.getBytes(StandardCharsets.UTF_8), "acme", ACME);
    assertArrayEquals(usage(), read(opened));
    assertTrue(opened.encrypted());
  }

  @Test
  void aFileEncryptedForAnotherEnterpriseKeyIsRefusedAsSuch() {
    String file =
        file("acme", Optional.of(SignedExportFile.newKey(KeyUse.ENCRYPTION).toPublicJWK()));
    assertEquals(SignedExportFile.RefusedFile.Reason.OTHER_ENTERPRISE, refusal(file, "acme"));
  }

  @Test
  void aFileExportedForAnotherEnterpriseIsRefusedAsSuch() {
    assertEquals(
        SignedExportFile.RefusedFile.Reason.OTHER_ENTERPRISE,
        refusal(file("octo", Optional.empty()), "acme"));
  }

  @Test
  void aChangedUserListIsRefusedAsTampered() {
    String file = file(null, Optional.empty());
    String jws = json(file).getString("usage");
    String[] parts = jws.split("\\.");
    String document = UsageDocs.inflate(Base64URL.from(parts[1]).decode());
    String changed = document.replace("hubot@example.com", "robot@example.com");
    assertNotEquals(document, changed, "the test changed the user list");
    String forged =
        file.replace(
            jws, parts[0] + "." + Base64URL.encode(UsageDocs.deflate(changed)) + "." + parts[2]);
    assertEquals(SignedExportFile.RefusedFile.Reason.TAMPERED, refusal(forged, "acme"));
  }

  @Test
  void theUsageIsCompressedBeforeItIsSignedAndEncrypted() {
    List<LicenseUsageDocument.Account> accounts = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      accounts.add(
          new LicenseUsageDocument.Account(
              i, List.of(new LicenseUsageDocument.Email("user" + i + "@example.com", true))));
    }
    byte[] usage = document("export-2", accounts);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SignedExportFile.write(
        file,
        new SignedExportFile.Header("srv-1", "ghes.example.com", "3.17.0", EXPORTED, "acme"),
        new ByteArrayInputStream(usage),
        SERVER,
        Optional.of(ACME.toPublicJWK()));
    assertEquals(2, json(file.toString(StandardCharsets.UTF_8)).getInt("license_usage_file"));
    assertTrue(
        file.size() * 3 < usage.length,
        "the file ("
            + file.size()
            + " bytes) is far smaller than its document ("
            + usage.length
            + ")");
    assertArrayEquals(usage, read(SignedExportFile.open(file.toByteArray(), "acme", ACME)));
  }

  @Test
  void aDocumentThatInflatesPastTheLimitStopsWithTooLarge() {
    String file = file(null, Optional.empty());
    SignedExportFile.Opened opened =
        SignedExportFile.open(file.getBytes(StandardCharsets.UTF_8), "acme", ACME);
    SignedExportFile.RefusedFile refused =
        assertThrows(
            SignedExportFile.RefusedFile.class,
            () -> {
              try (InputStream in = opened.usage(100)) {
                in.readAllBytes();
              }
            });
    assertEquals(SignedExportFile.RefusedFile.Reason.TOO_LARGE, refused.reason());
    assertTrue(
        refused.getMessage().contains("larger than the limit of 100 bytes"), refused.getMessage());
  }

  @Test
  void aFileOfTheFirstFormatUncompressedIsStillRead() throws Exception {
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(SignedExportFile.TYPE)
                .keyID(SERVER.getKeyID())
                .jwk(SERVER.toPublicJWK())
                .build(),
            new Payload(usage()));
    jws.sign(new ECDSASigner(SERVER));
    String formatOne =
        Json.createObjectBuilder(json(file(null, Optional.empty())))
            .add("license_usage_file", 1)
            .add("usage", jws.serialize())
            .build()
            .toString();
    SignedExportFile.Opened opened =
        SignedExportFile.open(formatOne.getBytes(StandardCharsets.UTF_8), "acme", ACME);
    assertArrayEquals(usage(), read(opened));
  }

  @Test
  void aFileWhoseReadableFormatWasChangedIsRefusedAsTampered() {
    String forged =
        Json.createObjectBuilder(json(file(null, Optional.empty())))
            .add("license_usage_file", 1)
            .build()
            .toString();
    assertEquals(SignedExportFile.RefusedFile.Reason.TAMPERED, refusal(forged, "acme"));
  }

  @Test
  void aChangedEncryptedFileIsRefusedAsTampered() {
    String file = file("acme", Optional.of(ACME.toPublicJWK()));
    String jwe = json(file).getString("usage");
    String[] parts = jwe.split("\\.");
    byte[] cipher = Base64URL.from(parts[3]).decode();
    cipher[cipher.length / 2] ^= 1;
    String forged =
        file.replace(
            jwe,
            parts[0]
                + "."
                + parts[1]
                + "."
                + parts[2]
                + "."
                + Base64URL.encode(cipher)
                + "."
                + parts[4]);
    assertEquals(SignedExportFile.RefusedFile.Reason.TAMPERED, refusal(forged, "acme"));
  }

  @Test
  void aReadableHeaderThatDisagreesWithTheSignedOneIsRefused() {
    String file = file("acme", Optional.empty());
    String forged = file.replace("\"enterprise\": \"acme\"", "\"enterprise\": null");
    assertTrue(!forged.equals(file), "the test changed the header");
    assertEquals(SignedExportFile.RefusedFile.Reason.TAMPERED, refusal(forged, "acme"));
  }

  @Test
  void aSigningKeySwappedInTheReadableHeaderIsRefused() {
    String file = file(null, Optional.empty());
    String other = SignedExportFile.newKey(KeyUse.SIGNATURE).toPublicJWK().toJSONString();
    String forged =
        Json.createObjectBuilder(json(file))
            .add("signing_key", Json.createReader(new StringReader(other)).readObject())
            .build()
            .toString();
    assertEquals(SignedExportFile.RefusedFile.Reason.TAMPERED, refusal(forged, "acme"));
  }

  @Test
  void somethingThatIsNotAUsageFileIsRefusedSayingWhat() {
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_JSON, refusal("created_at,id,login\n", "acme"));
    assertEquals(SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE, refusal("[1, 2]", "acme"));
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"format\": 1, \"accounts\": []}", "acme"));
  }

  @Test
  void aPastedKeyMustBeAP256PublicKeyAndLosesAnyPrivatePart() {
    ECKey parsed = SignedExportFile.publicKey(ACME.toJSONString());
    assertFalse(parsed.isPrivate());
    assertEquals(SignedExportFile.fingerprint(ACME), SignedExportFile.fingerprint(parsed));
    assertThrows(
        IllegalArgumentException.class,
        () -> SignedExportFile.publicKey("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"));
    assertThrows(IllegalArgumentException.class, () -> SignedExportFile.publicKey("not a key"));
    assertTrue(SignedExportFile.fingerprint(ACME).startsWith("SHA256:"));
  }

  @Test
  void aFileWithAHugeFormatNumberADuplicateKeyOrDeepNestingIsRefusedAtOnce() {
    long started = System.nanoTime();
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"license_usage_file\": 1e999999999, \"usage\": \"x\"}", "acme"));
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"license_usage_file\": " + "9".repeat(5000) + "}", "acme"));
    assertTrue(
        System.nanoTime() - started < 2_000_000_000L, "refused without BigDecimal arithmetic");
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"license_usage_file\": 1, \"license_usage_file\": 1}", "acme"));
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"x\": " + "[".repeat(40) + "]".repeat(40) + "}", "acme"));
    assertEquals(
        SignedExportFile.RefusedFile.Reason.NOT_A_USAGE_FILE,
        refusal("{\"license_usage_file\": 1e2, \"usage\": \"x\"}", "acme"));
  }
}
