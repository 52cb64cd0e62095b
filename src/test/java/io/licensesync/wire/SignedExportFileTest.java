package io.licensesync.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LicenseUsageWriter writer =
        new LicenseUsageWriter(
            out,
            new LicenseUsageDocument.Metadata(
                "export-1",
                "srv-1",
                "ghes.example.com",
                "3.17.0",
                null,
                null,
                List.of(),
                EXPORTED))) {
      writer.account(
          new LicenseUsageDocument.Account(
              7,
              List.of(
                  new LicenseUsageDocument.Email("Mona@Example.com", true),
                  new LicenseUsageDocument.Email("mona@home.example", false))));
      writer.account(
          new LicenseUsageDocument.Account(
              9, List.of(new LicenseUsageDocument.Email("hubot@example.com", true))));
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
    assertArrayEquals(usage(), opened.usage());
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
    assertArrayEquals(usage(), opened.usage());
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
    String changed =
        new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
            .replace("hubot@example.com", "robot@example.com");
    String forged = file.replace(jws, parts[0] + "." + Base64URL.encode(changed) + "." + parts[2]);
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
