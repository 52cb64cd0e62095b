package io.licensesync.wire;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.licensesync.input.AtMost;
import io.licensesync.input.StrictJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The exported license usage file, made and checked with Nimbus JOSE+JWT only. The license usage
 * document (the very bytes an automatic sync sends) is signed as a JWS (ES256) with the Server
 * instance's own key, whose public JWK is in the signed header; the JWS names the enterprise the
 * file is meant for. When the Server knows that enterprise's public key, the JWS is then encrypted
 * for it as a JWE (ECDH-ES+A256KW, A256GCM), so no email is in the file in clear. Around it, a
 * readable JSON header says who exported what and when, and plainly whether the user list is
 * encrypted; what counts is only what is signed, and the readable header must agree with it. Since
 * format 2 the document is compressed (raw DEFLATE, RFC 1951) before it is signed and encrypted,
 * and the signed header says so: a million accounts make a file of tens of MiB, not hundreds, and
 * the Cloud inflates it as a stream, bounded. Format 1 files (uncompressed) are still read.
 */
public final class SignedExportFile {

  /** The file format this code writes: the usage document compressed before signing. */
  public static final int FORMAT = 2;

  /** The first format, uncompressed; still read. */
  static final int FORMAT_UNCOMPRESSED = 1;

  /**
   * The signed JWS header parameter that says the payload is the usage document compressed with raw
   * DEFLATE (the same name and value as JWE's {@code zip}).
   */
  static final String ZIP_PARAM = "usage_zip";

  static final String DEFLATE = "DEF";

  static final JOSEObjectType TYPE = new JOSEObjectType("license-usage+jws");
  static final String ENTERPRISE_PARAM = "enterprise";
  static final String NOT_ENCRYPTED_NOTICE =
      "The user list in this file is NOT encrypted: it holds the email addresses of this Server's users in clear."
          + " Keep it safe; to encrypt it, connect to the Cloud or paste the enterprise's license usage key first.";

  private SignedExportFile() {}

  /**
   * A new key pair for signing (a Server instance) or for receiving encrypted files (an
   * enterprise).
   */
  public static ECKey newKey(KeyUse use) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyUse(use).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a P-256 key pair", e);
    }
  }

  /** How a key is shown to people: {@code SHA256:} and its RFC 7638 thumbprint. */
  public static String fingerprint(ECKey key) {
    return "SHA256:" + thumbprint(key);
  }

  /**
   * The key's RFC 7638 thumbprint (SHA-256, base64url): the id an encrypted file names its
   * recipient by.
   */
  static String thumbprint(ECKey key) {
    try {
      return key.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute the key's thumbprint", e);
    }
  }

  /**
   * Parses a public EC key from its JWK JSON, refusing private parts, other key types and curves.
   */
  public static ECKey publicKey(String jwkJson) {
    try {
      ECKey key = ECKey.parse(jwkJson);
      if (!Curve.P_256.equals(key.getCurve())) {
        throw new IllegalArgumentException("the key must be on curve P-256");
      }
      return key.toPublicJWK();
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "the key is not an EC public key in JWK form (JSON with kty, crv, x, y)");
    }
  }

  /** The P-256 public key in {@code jwkJson}, or empty when it is not one. */
  public static Optional<ECKey> signingKey(String jwkJson) {
    try {
      return Optional.of(publicKey(jwkJson));
    } catch (IllegalArgumentException notAKey) {
      return Optional.empty();
    }
  }

  /**
   * What the readable header of a file says; {@code enterprise} is null when the file names none.
   */
  public record Header(
      String serverId, String hostname, String version, Instant exportedAt, String enterprise) {}

  /** Writes the file of a usage document held in memory (small documents, tests). */
  public static void write(
      OutputStream out, Header header, byte[] usage, ECKey signingKey, Optional<ECKey> encryptFor) {
    write(out, header, new ByteArrayInputStream(usage), signingKey, encryptFor);
  }

  /**
   * Writes the file; only the compressed document is held in memory.
   *
   * @param usage the license usage document, as {@link LicenseUsageWriter} wrote it, read once
   * @param signingKey the instance's private key
   * @param encryptFor the enterprise's public key, or empty to write the user list in clear
   */
  public static void write(
      OutputStream out,
      Header header,
      InputStream usage,
      ECKey signingKey,
      Optional<ECKey> encryptFor) {
    try {
      JWSHeader.Builder jwsHeader =
          new JWSHeader.Builder(JWSAlgorithm.ES256)
              .type(TYPE)
              .keyID(signingKey.getKeyID())
              .jwk(signingKey.toPublicJWK());
      if (header.enterprise() != null) {
        jwsHeader.customParam(ENTERPRISE_PARAM, header.enterprise());
      }
      jwsHeader.customParam(ZIP_PARAM, DEFLATE);
      JWSObject jws = new JWSObject(jwsHeader.build(), new Payload(deflate(usage)));
      jws.sign(new ECDSASigner(signingKey));
      String sealed = jws.serialize();
      String encryptionFingerprint = null;
      if (encryptFor.isPresent()) {
        ECKey recipient = encryptFor.get();
        JWEObject jwe =
            new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                    .contentType("JWS")
                    .keyID(thumbprint(recipient))
                    .build(),
                new Payload(sealed));
        jwe.encrypt(new ECDHEncrypter(recipient));
        sealed = jwe.serialize();
        encryptionFingerprint = fingerprint(recipient);
      }
      JsonObjectBuilder file =
          Json.createObjectBuilder()
              .add("license_usage_file", FORMAT)
              .add("server_id", header.serverId())
              .add("hostname", header.hostname())
              .add("version", header.version())
              .add("exported_at", header.exportedAt().toString())
              .add(
                  "enterprise",
                  header.enterprise() == null
                      ? JsonValue.NULL
                      : Json.createValue(header.enterprise()))
              .add("encrypted", encryptFor.isPresent());
      if (encryptionFingerprint == null) {
        file.add("notice", NOT_ENCRYPTED_NOTICE);
      } else {
        file.add("encryption_key_fingerprint", encryptionFingerprint);
      }
      file.add("signing_key_fingerprint", fingerprint(signingKey))
          .add(
              "signing_key",
              Json.createReader(new java.io.StringReader(signingKey.toPublicJWK().toJSONString()))
                  .readObject())
          .add("usage", sealed);
      try (JsonGenerator json =
          Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
              .createGenerator(out, StandardCharsets.UTF_8)) {
        json.write(file.build());
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign or encrypt the license usage file", e);
    }
  }

  private static byte[] deflate(InputStream usage) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, deflater, 64 * 1024)) {
      usage.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the license usage document", e);
    } finally {
      deflater.end();
    }
    return compressed.toByteArray();
  }

  /** Why a file was refused; the message says it in words an owner can act on. */
  public static class RefusedFile extends RuntimeException {

    /** What is wrong with the file. */
    public enum Reason {
      NOT_JSON,
      NOT_A_USAGE_FILE,
      TAMPERED,
      OTHER_ENTERPRISE,
      CANNOT_DECRYPT,
      /** Its usage document, once inflated, is larger than the limit. */
      TOO_LARGE
    }

    private final Reason reason;

    public RefusedFile(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /**
   * A checked file: its signed header, the key that signed it, and the signed usage document (kept
   * as signed: compressed since format 2).
   */
  public record Opened(
      Header header,
      ECKey signingKey,
      String signingKeyFingerprint,
      boolean encrypted,
      byte[] signedPayload,
      boolean compressed) {

    /**
     * The usage document, read as a stream (inflated as it is read when compressed); reading past
     * {@code maxBytes} of it throws {@link RefusedFile} with reason {@code TOO_LARGE}.
     */
    public InputStream usage(long maxBytes) {
      InputStream raw = new ByteArrayInputStream(signedPayload);
      Supplier<RefusedFile> tooLarge =
          () ->
              new RefusedFile(
                  RefusedFile.Reason.TOO_LARGE,
                  "The file's license usage is larger than the limit of "
                      + maxBytes
                      + " bytes once uncompressed; nothing changed.");
      if (!compressed) {
        return AtMost.bytes(raw, maxBytes, tooLarge);
      }
      Inflater inflater = new Inflater(true);
      return AtMost.bytes(
          new InflaterInputStream(raw, inflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                inflater.end();
              }
            }
          },
          maxBytes,
          tooLarge);
    }
  }

  /**
   * Opens and checks a file meant for {@code enterprise}: decrypts it with {@code enterpriseKey}
   * when it is encrypted, checks the signature against the key in the signed header and that the
   * readable header says the same as the signed one. Which key may sign for an instance is the
   * caller's decision, made from {@link Opened#signingKey()}.
   */
  public static Opened open(byte[] bytes, String enterprise, ECKey enterpriseKey) {
    JsonObject file = readable(bytes);
    boolean compressed = file.getInt("license_usage_file") == FORMAT;
    boolean encrypted = file.getBoolean("encrypted", false);
    String sealed = file.getString("usage");
    String fileEnterprise = stringOrNull(file, "enterprise");
    if (fileEnterprise != null && !fileEnterprise.equalsIgnoreCase(enterprise)) {
      throw new RefusedFile(
          RefusedFile.Reason.OTHER_ENTERPRISE,
          "This file was exported for the enterprise '"
              + fileEnterprise
              + "', not for '"
              + enterprise
              + "'.");
    }
    if (encrypted) {
      sealed = decrypt(sealed, enterprise, enterpriseKey);
    }
    JWSObject jws;
    try {
      jws = JWSObject.parse(sealed);
    } catch (ParseException e) {
      throw tampered("its signed content cannot be read");
    }
    ECKey key = signedKey(jws);
    try {
      if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
          || !jws.verify(new ECDSAVerifier(key))) {
        throw tampered("the signature does not match the content");
      }
    } catch (JOSEException e) {
      throw tampered("the signature cannot be checked");
    }
    Object signedEnterprise = jws.getHeader().getCustomParam(ENTERPRISE_PARAM);
    if (signedEnterprise != null && !signedEnterprise.toString().equalsIgnoreCase(enterprise)) {
      throw new RefusedFile(
          RefusedFile.Reason.OTHER_ENTERPRISE,
          "This file was exported for the enterprise '"
              + signedEnterprise
              + "', not for '"
              + enterprise
              + "'.");
    }
    if (!Objects.equals(
        signedEnterprise == null ? null : signedEnterprise.toString(), fileEnterprise)) {
      throw tampered("its readable header names another enterprise than the signed content");
    }
    JsonObject signingKeyInHeader = file.getJsonObject("signing_key");
    if (signingKeyInHeader == null
        || !fingerprint(publicKey(signingKeyInHeader.toString())).equals(fingerprint(key))) {
      throw tampered("its readable signing key is not the key that signed it");
    }
    if (file.containsKey("signing_key_fingerprint")
        && !fingerprint(key).equals(stringOrNull(file, "signing_key_fingerprint"))) {
      throw tampered("its readable signing_key_fingerprint is not the key that signed it");
    }
    String encryptionFingerprint = stringOrNull(file, "encryption_key_fingerprint");
    if (encrypted
        ? !fingerprint(enterpriseKey).equals(encryptionFingerprint)
        : file.containsKey("encryption_key_fingerprint")) {
      throw tampered("its readable encryption_key_fingerprint is not the key it is encrypted for");
    }
    Object zip = jws.getHeader().getCustomParam(ZIP_PARAM);
    if (compressed ? !DEFLATE.equals(zip) : zip != null) {
      throw tampered("its readable format is not the one it was signed in");
    }
    byte[] usage = jws.getPayload().toBytes();
    Header header =
        new Header(
            file.getString("server_id", null),
            file.getString("hostname", null),
            file.getString("version", null),
            exportedAt(file),
            fileEnterprise);
    return new Opened(header, key, fingerprint(key), encrypted, usage, compressed);
  }

  private static JsonObject readable(byte[] bytes) {
    JsonValue value;
    try {
      value = StrictJson.read(new ByteArrayInputStream(bytes));
    } catch (StrictJson.Refused refused) {
      if (refused.kind() == StrictJson.Refused.Kind.MALFORMED) {
        throw new RefusedFile(
            RefusedFile.Reason.NOT_JSON,
            "The file is not JSON: upload the .json file that \"Export license usage\" saved on the Server.");
      }
      throw new RefusedFile(
          RefusedFile.Reason.NOT_A_USAGE_FILE,
          "The file is JSON but not a license usage file exported by a Server: "
              + refused.getMessage()
              + ".");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new RefusedFile(
          RefusedFile.Reason.NOT_A_USAGE_FILE,
          "The file is JSON but not a license usage file exported by a Server.");
    }
    JsonObject file = value.asJsonObject();
    if (!(file.get("license_usage_file") instanceof jakarta.json.JsonNumber format)) {
      throw new RefusedFile(
          RefusedFile.Reason.NOT_A_USAGE_FILE,
          "The file is JSON but not a license usage file exported by a Server.");
    }
    if (!format.isIntegral()
        || (format.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(FORMAT)) != 0
            && format.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(FORMAT_UNCOMPRESSED))
                != 0)) {
      throw new RefusedFile(
          RefusedFile.Reason.NOT_A_USAGE_FILE,
          "The file has format "
              + format
              + "; this Cloud reads formats "
              + FORMAT_UNCOMPRESSED
              + " and "
              + FORMAT
              + ".");
    }
    if (!(file.get("usage") instanceof JsonString)
        || file.get("encrypted") == null
        || file.get("encrypted").getValueType() == JsonValue.ValueType.NULL
        || file.get("server_id") == null
        || file.get("hostname") == null) {
      throw tampered("parts of it are missing");
    }
    if (file.get("encrypted").getValueType() != JsonValue.ValueType.TRUE
        && file.get("encrypted").getValueType() != JsonValue.ValueType.FALSE) {
      throw tampered("its \"encrypted\" field is not true or false");
    }
    return file;
  }

  private static String decrypt(String sealed, String enterprise, ECKey enterpriseKey) {
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(sealed);
    } catch (ParseException e) {
      throw tampered("its encrypted content cannot be read");
    }
    if (!thumbprint(enterpriseKey).equals(jwe.getHeader().getKeyID())) {
      throw new RefusedFile(
          RefusedFile.Reason.OTHER_ENTERPRISE,
          "This file is encrypted for another enterprise's key, not for the license usage key of '"
              + enterprise
              + "'.");
    }
    try {
      jwe.decrypt(new ECDHDecrypter(enterpriseKey));
    } catch (JOSEException e) {
      throw tampered("its encrypted content does not decrypt");
    }
    return jwe.getPayload().toString();
  }

  private static ECKey signedKey(JWSObject jws) {
    if (!(jws.getHeader().getJWK() instanceof ECKey key) || !Curve.P_256.equals(key.getCurve())) {
      throw tampered("its signature names no P-256 key");
    }
    return key.toPublicJWK();
  }

  private static Instant exportedAt(JsonObject file) {
    try {
      String text = stringOrNull(file, "exported_at");
      return text == null ? null : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw tampered("its exported_at is not a time");
    }
  }

  private static String stringOrNull(JsonObject file, String key) {
    JsonValue value = file.get(key);
    return value instanceof JsonString text ? text.getString() : null;
  }

  private static RefusedFile tampered(String what) {
    return new RefusedFile(
        RefusedFile.Reason.TAMPERED, "The file was changed after it was exported: " + what + ".");
  }
}
