package io.licensesync.cloud.licensing.entity;

import io.licensesync.identity.Logins;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
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
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An enterprise owner's decision about one Server account and one member, kept across syncs and
 * honoured by matching: a {@link Kind#LINK} makes the account that member's (at most one per
 * account), a {@link Kind#NOT_SAME} keeps the automatic rules from joining them. The account is
 * named by instance and id and the member by login, so a decision outlives a member's removal or an
 * account's absence from an upload — it is then shown as stale, never dropped.
 */
@Entity
@Table(name = "manual_link")
@NamedQuery(
    name = ManualLink.OF_ENTERPRISE,
    query =
        "select l from ManualLink l where l.enterpriseId = :enterprise and l.kind = :kind"
            + " order by l.createdAt, l.id")
@NamedQuery(
    name = ManualLink.OF_ACCOUNT,
    query =
        "select l from ManualLink l where l.enterpriseId = :enterprise"
            + " and l.serverId = :server and l.accountId = :account order by l.id")
@NamedQuery(
    name = ManualLink.OF_MEMBER,
    query =
        "select l from ManualLink l where l.enterpriseId = :enterprise"
            + " and l.memberLoginKey = :member order by l.id")
public class ManualLink {

  public static final String OF_ENTERPRISE = "ManualLink.ofEnterprise";
  public static final String OF_ACCOUNT = "ManualLink.ofAccount";
  public static final String OF_MEMBER = "ManualLink.ofMember";

  /** What the owner decided. */
  public enum Kind {
    LINK,
    NOT_SAME;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Id
  @SequenceGenerator(name = "cloud_seq", sequenceName = "cloud_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_seq")
  private Long id;

  @Column(name = "enterprise_id", nullable = false)
  private long enterpriseId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Kind kind;

  @Column(name = "server_id", nullable = false, length = 64)
  @Text(max = 64)
  private String serverId;

  @Column(name = "account_id", nullable = false)
  private long accountId;

  @Column(name = "member_login", nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String memberLogin;

  @Column(name = "member_login_key", nullable = false, length = 64)
  private String memberLoginKey;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected ManualLink() {}

  public ManualLink(
      long enterpriseId,
      Kind kind,
      String serverId,
      long accountId,
      String memberLogin,
      String createdBy,
      Instant createdAt) {
    this.enterpriseId = enterpriseId;
    this.kind = Objects.requireNonNull(kind);
    this.serverId = Objects.requireNonNull(serverId);
    this.accountId = accountId;
    this.memberLogin = Objects.requireNonNull(memberLogin);
    this.memberLoginKey = Logins.keyOf(memberLogin);
    this.createdBy = Objects.requireNonNull(createdBy);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public Long id() {
    return id;
  }

  public long enterpriseId() {
    return enterpriseId;
  }

  public Kind kind() {
    return kind;
  }

  public String serverId() {
    return serverId;
  }

  public long accountId() {
    return accountId;
  }

  public String memberLogin() {
    return memberLogin;
  }

  public String memberLoginKey() {
    return memberLoginKey;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
