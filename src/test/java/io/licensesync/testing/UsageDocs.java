package io.licensesync.testing;

import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** License usage documents as a Server writes them, for the tests that upload to the Cloud. */
public final class UsageDocs {

  private UsageDocs() {}

  public static String document(
      String uploadId,
      String serverId,
      String hostname,
      Instant generatedAt,
      List<LicenseUsageDocument.Account> accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LicenseUsageDocument.Metadata meta =
        new LicenseUsageDocument.Metadata(
            uploadId,
            serverId,
            hostname,
            "3.17.0",
            "license-hash",
            "license-key",
            List.of(
                new LicenseUsageDocument.Feature(
                    "license_usage_sync", Instant.parse("2026-11-01T00:00:00Z"))),
            generatedAt);
    try (LicenseUsageWriter writer = new LicenseUsageWriter(out, meta)) {
      accounts.forEach(writer::account);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static LicenseUsageDocument.Account account(long id, String primary, String... others) {
    List<LicenseUsageDocument.Email> emails = new ArrayList<>();
    emails.add(new LicenseUsageDocument.Email(primary, true));
    for (String other : others) {
      emails.add(new LicenseUsageDocument.Email(other, false));
    }
    return new LicenseUsageDocument.Account(id, emails);
  }

  /**
   * The usage document a signed file's JWS payload holds (raw DEFLATE since file format 2), as
   * text.
   */
  public static String inflate(byte[] signedPayload) {
    try (InflaterInputStream in =
        new InflaterInputStream(new ByteArrayInputStream(signedPayload), new Inflater(true))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A usage document compressed as a signed file's JWS payload holds it. */
  public static byte[] deflate(String document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflating =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      deflating.write(document.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Where a Server puts the license usage upload {@code uploadId} of instance {@code serverId}. */
  public static String uploadPath(String enterprise, String serverId, String uploadId) {
    return "cloud/api/enterprises/"
        + enterprise
        + "/server-instances/"
        + serverId
        + "/license-usage-uploads/"
        + uploadId;
  }
}
