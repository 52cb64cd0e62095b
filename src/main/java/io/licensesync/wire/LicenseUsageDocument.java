package io.licensesync.wire;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The license usage document's parts. On the wire it is one JSON object: the metadata fields, then
 * {@code "accounts": [{"id": 42, "emails": [{"email": "…", "primary": true}]}, …]}.
 */
public final class LicenseUsageDocument {

  /** The document format this code writes and reads. */
  public static final int FORMAT = 1;

  private LicenseUsageDocument() {}

  /**
   * Everything about the sending instance: {@code uploadId} identifies this upload, so a retry of
   * the same upload is applied once.
   */
  public record Metadata(
      String uploadId,
      String serverId,
      String hostname,
      String version,
      String licenseHash,
      String licensePublicKey,
      List<Feature> features,
      Instant generatedAt) {}

  /** A GitHub Connect feature enabled on the instance, and since when. */
  public record Feature(String name, Instant enabledAt) {}

  /** One account that consumes a license: its numeric id and its email addresses. */
  public record Account(long id, List<Email> emails) {

    public Optional<String> primaryEmail() {
      return emails.stream().filter(Email::primary).map(Email::email).findFirst();
    }
  }

  /** One email address of an account; exactly one per account is primary. */
  public record Email(String email, boolean primary) {}
}
