package io.licensesync.cloud.instances.entity;

import com.nimbusds.jose.jwk.ECKey;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.wire.SignedExportFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A Server instance known to an enterprise: its identity, the digest of the credential it uploads
 * with (never the credential), and its last sync {@code {date, status, error}} and how it arrived.
 */
@Entity
@Table(name = "connected_instance")
@NamedQuery(
    name = ConnectedInstance.OF_ENTERPRISE,
    query =
        "select i from ConnectedInstance i where i.enterpriseId = :enterprise order by i.hostname, i.serverId")
@NamedQuery(
    name = ConnectedInstance.BY_SERVER_ID,
    query =
        "select i from ConnectedInstance i where i.enterpriseId = :enterprise and i.serverId = :serverId")
@NamedQuery(
    name = ConnectedInstance.BY_CREDENTIAL,
    query = "select i from ConnectedInstance i where i.credentialHash = :digest")
public class ConnectedInstance {

  public static final String OF_ENTERPRISE = "ConnectedInstance.ofEnterprise";
  public static final String BY_SERVER_ID = "ConnectedInstance.byServerId";
  public static final String BY_CREDENTIAL = "ConnectedInstance.byCredential";

  @Id
  @SequenceGenerator(name = "cloud_seq", sequenceName = "cloud_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_seq")
  private Long id;

  @Column(name = "enterprise_id", nullable = false)
  private long enterpriseId;

  @Column(name = "server_id", nullable = false, length = 64)
  @Text(max = TextRules.SERVER_ID)
  private String serverId;

  @Column(nullable = false, length = 255)
  @Text(max = TextRules.HOSTNAME)
  private String hostname;

  @Column(nullable = false, length = 64)
  @Text(max = TextRules.VERSION)
  private String version;

  @Column(name = "credential_hash", length = 64)
  private String credentialHash;

  @Column(name = "connected_at", nullable = false)
  private Instant connectedAt;

  @Column(name = "connected_by", length = 64)
  @Text(max = TextRules.LOGIN)
  private String connectedBy;

  @Column(name = "last_sync_at")
  private Instant lastSyncAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "last_sync_status", length = 16)
  private SyncStatus lastSyncStatus;

  @Column(name = "last_sync_error", length = 1000)
  private String lastSyncError;

  @Enumerated(EnumType.STRING)
  @Column(name = "last_sync_via", length = 16)
  private UsageSource lastSyncVia;

  @Column(name = "last_success_at")
  private Instant lastSuccessAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "last_success_via", length = 16)
  private UsageSource lastSuccessVia;

  @Column(name = "last_upload_id", length = 64)
  private String lastUploadId;

  @Column(name = "last_usage_at")
  private Instant lastUsageAt;

  @Column(name = "accounts_count", nullable = false)
  private int accountsCount;

  /**
   * The public key (JWK) this instance signs its license usage files with, registered by its first
   * file.
   */
  @Column(name = "signing_key", length = 2000)
  private String signingKey;

  @Version
  @Column(name = "row_version")
  private long rowVersion;

  protected ConnectedInstance() {}

  public ConnectedInstance(
      long enterpriseId, String serverId, String hostname, String version, Instant connectedAt) {
    this.enterpriseId = enterpriseId;
    this.serverId = Objects.requireNonNull(serverId);
    this.connectedAt = Objects.requireNonNull(connectedAt);
    describe(hostname, version);
  }

  /** Updates hostname and version as the instance reports them. */
  public void describe(String hostname, String version) {
    this.hostname = Objects.requireNonNull(hostname);
    this.version = Objects.requireNonNull(version);
  }

  /** A new upload credential (its digest); the previous one stops working. */
  public void connect(String credentialHash, String by, Instant at) {
    this.credentialHash = credentialHash;
    this.connectedBy = by;
    this.connectedAt = at;
  }

  /** Records an applied usage snapshot, generated on the Server at {@code generatedAt}. */
  public void usageApplied(
      String uploadId, int accounts, UsageSource via, Instant generatedAt, Instant at) {
    this.lastUploadId = uploadId;
    this.accountsCount = accounts;
    this.lastSyncVia = via;
    this.lastSyncAt = at;
    this.lastUsageAt = generatedAt == null ? at : generatedAt;
    this.lastSyncStatus = SyncStatus.SUCCESS;
    this.lastSyncError = null;
    this.lastSuccessAt = at;
    this.lastSuccessVia = via;
  }

  /** Records a refused upload; the usage already held stays as it was. */
  public void syncFailed(String error, UsageSource via, Instant at) {
    this.lastSyncAt = at;
    this.lastSyncStatus = SyncStatus.FAILURE;
    this.lastSyncVia = via;
    this.lastSyncError = error.length() > 1000 ? error.substring(0, 997) + "..." : error;
  }

  public Long id() {
    return id;
  }

  public long enterpriseId() {
    return enterpriseId;
  }

  public String serverId() {
    return serverId;
  }

  public String hostname() {
    return hostname;
  }

  public String version() {
    return version;
  }

  public Instant connectedAt() {
    return connectedAt;
  }

  public String connectedBy() {
    return connectedBy;
  }

  public Instant lastSyncAt() {
    return lastSyncAt;
  }

  public SyncStatus lastSyncStatus() {
    return lastSyncStatus;
  }

  public String lastSyncError() {
    return lastSyncError;
  }

  public UsageSource lastSyncVia() {
    return lastSyncVia;
  }

  /** When usage last arrived successfully, however the last attempt went. */
  public Instant lastSuccessAt() {
    return lastSuccessAt;
  }

  public UsageSource lastSuccessVia() {
    return lastSuccessVia;
  }

  public String lastUploadId() {
    return lastUploadId;
  }

  /** When the usage held now was generated on the Server. */
  public Instant lastUsageAt() {
    return lastUsageAt;
  }

  public int accountsCount() {
    return accountsCount;
  }

  /**
   * Whether an upload was applied and left accounts: the next one is then applied by what it
   * changes ({@code UsageDiff}) rather than written whole.
   */
  public boolean hasUsage() {
    return lastUploadId != null && accountsCount > 0;
  }

  public String signingKey() {
    return signingKey;
  }

  /** The fingerprint of the registered signing key, or null before one is registered. */
  public String signingKeyFingerprint() {
    return signingKey == null
        ? null
        : SignedExportFile.fingerprint(SignedExportFile.publicKey(signingKey));
  }

  /** Registers the key the instance's files must be signed with from now on; made once. */
  public void registerSigningKey(ECKey publicKey) {
    if (this.signingKey != null) {
      throw new IllegalStateException("the instance's signing key is registered once");
    }
    this.signingKey = publicKey.toPublicJWK().toJSONString();
  }
}
