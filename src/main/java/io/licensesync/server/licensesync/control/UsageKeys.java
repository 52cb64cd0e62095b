package io.licensesync.server.licensesync.control;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.security.CredentialVault;
import io.licensesync.server.instance.entity.InstanceRecord;
import io.licensesync.wire.SignedExportFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of exported license usage files, kept in this instance's row: its own signing key pair
 * (made once, on first use, by whichever node gets there first; the private part encrypted with the
 * secret key) and the enterprise public key files are encrypted for — pasted by an admin, or the
 * connected Cloud's, remembered from the last time the Cloud told it.
 */
@ApplicationScoped
@Transactional
public class UsageKeys {

  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  @PersistenceContext EntityManager em;
  @Inject CredentialVault vault;

  /** The instance's signing key pair. */
  public ECKey signingKey() {
    InstanceRecord record = em.find(InstanceRecord.class, InstanceRecord.THE_ONE);
    if (record.protectedSigningKey() == null) {
      em.refresh(record, LockModeType.PESSIMISTIC_WRITE);
      if (record.protectedSigningKey() == null) {
        record.keepSigningKey(
            vault.protect(SignedExportFile.newKey(KeyUse.SIGNATURE).toJSONString()));
        em.flush();
      }
    }
    try {
      return ECKey.parse(vault.reveal(record.protectedSigningKey()));
    } catch (ParseException | IllegalStateException unreadable) {
      throw new ApiException(
          500,
          "This Server's signing key cannot be read with the configured secret key (licensesync.server.secret-key or the key file"
              + " in licensesync.server.secrets-dir): was it changed? Restore the key this Server started with to export license usage.",
          null,
          null);
    }
  }

  /** The enterprise key exported files are encrypted for, when this Server knows one. */
  public Optional<EnterpriseKey> enterpriseKey() {
    InstanceRecord record = em.find(InstanceRecord.class, InstanceRecord.THE_ONE);
    if (record.cloudUsageKey() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new EnterpriseKey(
            record.cloudUsageKeyEnterprise(),
            SignedExportFile.publicKey(record.cloudUsageKey()),
            record.cloudUsageKeyAt()));
  }

  /** Keeps the key an admin pasted from the Cloud's licensing page; 422 when it is not a key. */
  public EnterpriseKey paste(String enterprise, String jwkJson) {
    if (enterprise == null || !SLUG.matcher(enterprise.strip()).matches()) {
      throw ApiException.invalid(
          "UsageKey",
          "enterprise",
          "invalid",
          "enterprise must be the slug of the Cloud enterprise, such as acme");
    }
    Validated.check("UsageKey", new PastedKey(jwkJson));
    ECKey key;
    try {
      key = SignedExportFile.publicKey(jwkJson == null ? "" : jwkJson.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "UsageKey",
          "key",
          "invalid",
          "key must be the license usage key the Cloud's licensing page shows (a JSON object with kty, crv, x and y): "
              + e.getMessage());
    }
    remember(enterprise.strip(), key);
    return enterpriseKey().orElseThrow();
  }

  /** Remembers the key the connected Cloud gave. */
  public void remember(String enterprise, ECKey key) {
    InstanceRecord record =
        em.find(InstanceRecord.class, InstanceRecord.THE_ONE, LockModeType.PESSIMISTIC_WRITE);
    String json = key.toPublicJWK().toJSONString();
    if (!json.equals(record.cloudUsageKey())
        || !enterprise.equals(record.cloudUsageKeyEnterprise())) {
      record.pasteCloudUsageKey(enterprise, json, StoredTime.now());
    }
  }

  /**
   * Forgets the enterprise key: files are written unencrypted again until another is known.
   *
   * @return the fingerprint of the key forgotten, empty when none was known
   */
  public Optional<String> forget() {
    InstanceRecord record =
        em.find(InstanceRecord.class, InstanceRecord.THE_ONE, LockModeType.PESSIMISTIC_WRITE);
    if (record.cloudUsageKey() == null) {
      return Optional.empty();
    }
    String before =
        SignedExportFile.fingerprint(SignedExportFile.publicKey(record.cloudUsageKey()));
    record.pasteCloudUsageKey(null, null, null);
    return Optional.of(before);
  }

  /**
   * A key as pasted: JSON, so line breaks are allowed. ({@code @Text}, not {@code @Size}: Payara's
   * OpenAPI generator fails on a {@code @Size} outside a path parameter, Payara issue 7649.)
   */
  record PastedKey(@Text(max = TextRules.PASTED_KEY, lineBreaks = true) String key) {}

  /** An enterprise's public key for license usage files, and since when this Server has it. */
  public record EnterpriseKey(String enterprise, ECKey key, Instant since) {

    public String fingerprint() {
      return SignedExportFile.fingerprint(key);
    }
  }
}
