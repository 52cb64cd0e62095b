package io.licensesync.server.access.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A personal access token of an account, kept only as the SHA-256 digest of the secret. A token
 * made with another token names it as its parent and is revoked with it; an impersonation token
 * (and whatever is made with one) is marked, so its use is not the person's own activity.
 */
@Entity
@Table(name = "access_token")
@NamedQuery(
    name = AccessToken.BY_DIGEST,
    query = "select t from AccessToken t where t.tokenHash = :digest")
@NamedQuery(
    name = AccessToken.OF_ACCOUNT,
    query = "select t from AccessToken t where t.accountId = :account order by t.id")
@NamedQuery(
    name = AccessToken.CHILDREN_OF,
    query = "select t.id from AccessToken t where t.parentId in :ids")
@NamedQuery(name = AccessToken.DELETE_ALL, query = "delete from AccessToken t where t.id in :ids")
@NamedQuery(
    name = AccessToken.IMPERSONATION_OF_ACCOUNT,
    query =
        "select t.id from AccessToken t where t.accountId = :account and t.impersonation = true")
public class AccessToken {

  public static final String BY_DIGEST = "AccessToken.byDigest";
  public static final String OF_ACCOUNT = "AccessToken.ofAccount";
  public static final String CHILDREN_OF = "AccessToken.childrenOf";
  public static final String DELETE_ALL = "AccessToken.deleteAll";
  public static final String IMPERSONATION_OF_ACCOUNT = "AccessToken.impersonationOfAccount";

  @Id
  @SequenceGenerator(
      name = "access_token_seq",
      sequenceName = "access_token_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_token_seq")
  private Long id;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(nullable = false, length = 200)
  @Text(max = TextRules.NOTE)
  private String note;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "parent_token_id")
  private Long parentId;

  @Column(nullable = false)
  private boolean impersonation;

  protected AccessToken() {}

  /** A token made with the token {@code parentId} (null: with a password), impersonating or not. */
  public AccessToken(
      long accountId,
      String note,
      String tokenHash,
      Instant createdAt,
      Long parentId,
      boolean impersonation) {
    this.accountId = accountId;
    this.note = Objects.requireNonNull(note);
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.parentId = parentId;
    this.impersonation = impersonation;
  }

  public void used(Instant at) {
    lastUsedAt = at;
  }

  public Long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public String note() {
    return note;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  /** The token this one was made with, or null. */
  public Long parentId() {
    return parentId;
  }

  /** True for an impersonation token and the tokens made with one. */
  public boolean impersonation() {
    return impersonation;
  }
}
