package io.licensesync.server.instance.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The one row that holds this instance's server ID, made at first start and never changed. */
@Entity
@Table(name = "server_instance")
public class InstanceRecord {

  /** The primary key of the single row. */
  public static final int THE_ONE = 1;

  @Id private Integer id;

  @Column(name = "server_id", nullable = false, length = 36)
  private String serverId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** The instance's key pair for signing exported files, as a JWK encrypted with the secret key. */
  @Column(name = "signing_key", length = 4000)
  private String protectedSigningKey;

  /**
   * An enterprise's public license usage key, pasted by an admin, for encrypting exported files.
   */
  @Column(name = "cloud_usage_key", length = 2000)
  private String cloudUsageKey;

  @Column(name = "cloud_usage_key_enterprise", length = 100)
  @Text(max = TextRules.SLUG)
  private String cloudUsageKeyEnterprise;

  @Column(name = "cloud_usage_key_at")
  private Instant cloudUsageKeyAt;

  protected InstanceRecord() {}

  public InstanceRecord(UUID serverId, Instant createdAt) {
    this.id = THE_ONE;
    this.serverId = serverId.toString();
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public String serverId() {
    return serverId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String protectedSigningKey() {
    return protectedSigningKey;
  }

  /** Keeps the instance's signing key; made once. */
  public void keepSigningKey(String protectedKey) {
    if (this.protectedSigningKey != null) {
      throw new IllegalStateException("the signing key is made once");
    }
    this.protectedSigningKey = Objects.requireNonNull(protectedKey);
  }

  public String cloudUsageKey() {
    return cloudUsageKey;
  }

  public String cloudUsageKeyEnterprise() {
    return cloudUsageKeyEnterprise;
  }

  public Instant cloudUsageKeyAt() {
    return cloudUsageKeyAt;
  }

  /** Keeps (or, with nulls, forgets) the enterprise key exported files are encrypted for. */
  public void pasteCloudUsageKey(String enterprise, String publicJwk, Instant at) {
    this.cloudUsageKeyEnterprise = enterprise;
    this.cloudUsageKey = publicJwk;
    this.cloudUsageKeyAt = publicJwk == null ? null : at;
  }
}
