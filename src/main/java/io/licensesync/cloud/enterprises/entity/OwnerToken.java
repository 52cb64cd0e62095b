package io.licensesync.cloud.enterprises.entity;

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

/** A personal access token of an enterprise owner, kept only as its SHA-256 digest. */
@Entity
@Table(name = "owner_token")
@NamedQuery(
    name = OwnerToken.BY_DIGEST,
    query = "select t from OwnerToken t where t.tokenHash = :digest")
public class OwnerToken {

  public static final String BY_DIGEST = "OwnerToken.byDigest";

  @Id
  @SequenceGenerator(name = "cloud_seq", sequenceName = "cloud_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_seq")
  private Long id;

  @Column(name = "member_id", nullable = false)
  private long memberId;

  @Column(nullable = false, length = 200)
  @Text(max = TextRules.NOTE)
  private String note;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OwnerToken() {}

  public OwnerToken(long memberId, String note, String tokenHash, Instant createdAt) {
    this.memberId = memberId;
    this.note = Objects.requireNonNull(note);
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public Long id() {
    return id;
  }

  public long memberId() {
    return memberId;
  }

  public String note() {
    return note;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
