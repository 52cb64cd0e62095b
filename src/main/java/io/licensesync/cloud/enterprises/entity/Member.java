package io.licensesync.cloud.enterprises.entity;

import io.licensesync.identity.Logins;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A member of an enterprise as its owners provision it: login, name, emails (verified or not), SAML
 * NameID, enterprise role, organization roles ({@code org:Owner}), organizations with a pending
 * invitation, access to private repositories as an outside collaborator, two-factor.
 */
@Entity
@Table(name = "enterprise_member")
@NamedQuery(
    name = Member.OF_ENTERPRISE,
    query = "select m from Member m where m.enterpriseId = :enterprise order by m.loginKey")
@NamedQuery(
    name = Member.COUNT,
    query = "select count(m) from Member m where m.enterpriseId = :enterprise")
@NamedQuery(
    name = Member.COUNT_CONSUMING,
    query =
        "select count(m) from Member m where m.enterpriseId = :enterprise and (m.orgRoles <> ''"
            + " or (m.role = io.licensesync.cloud.enterprises.entity.EnterpriseRole.OUTSIDE_COLLABORATOR"
            + " and m.privateRepoAccess = true) or m.pendingInvites <> '')")
@NamedQuery(
    name = Member.BY_LOGIN,
    query = "select m from Member m where m.enterpriseId = :enterprise and m.loginKey = :key")
@NamedQuery(
    name = Member.BY_IDS,
    query = "select distinct m from Member m left join fetch m.emails where m.id in :ids")
@NamedQuery(
    name = Member.COUNT_OWNERS,
    query = "select count(m) from Member m where m.enterpriseId = :enterprise and m.role = :owner")
public class Member {

  public static final String OF_ENTERPRISE = "Member.ofEnterprise";
  public static final String COUNT = "Member.count";

  /** The members who consume a Cloud seat: {@code CloudSeatRules.consumesCloudSeat} in a query. */
  public static final String COUNT_CONSUMING = "Member.countConsuming";

  public static final String BY_LOGIN = "Member.byLogin";

  /** The members with the given ids, their emails in the same query. */
  public static final String BY_IDS = "Member.byIds";

  /** How many owners an enterprise has ({@code owner}: {@link EnterpriseRole#OWNER}). */
  public static final String COUNT_OWNERS = "Member.countOwners";

  @Id
  @SequenceGenerator(name = "cloud_seq", sequenceName = "cloud_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_seq")
  private Long id;

  @Column(name = "enterprise_id", nullable = false)
  private long enterpriseId;

  @Column(nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String login;

  @Column(name = "login_key", nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String loginKey;

  @Column(length = 200)
  @Text(max = TextRules.NAME)
  private String name;

  @Column(name = "saml_name_id", length = 320)
  @Text(max = TextRules.EMAIL)
  private String samlNameId;

  @Column(name = "saml_name_id_key", length = 320)
  @Text(max = TextRules.EMAIL)
  private String samlNameIdKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "enterprise_role", nullable = false, length = 32)
  private EnterpriseRole role;

  @Column(name = "org_roles", nullable = false, length = 4000)
  @Text(max = TextRules.MEMBER_LISTS)
  private String orgRoles;

  @Column(name = "pending_invites", nullable = false, length = 4000)
  @Text(max = TextRules.MEMBER_LISTS)
  private String pendingInvites;

  @Column(name = "private_repo_access", nullable = false)
  private boolean privateRepoAccess;

  @Column(name = "two_factor", nullable = false)
  private boolean twoFactor;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "member_email", joinColumns = @JoinColumn(name = "member_id"))
  @Valid
  private List<MemberEmail> emails = new ArrayList<>();

  protected Member() {}

  public Member(long enterpriseId, MemberProfile profile, Instant createdAt) {
    this.enterpriseId = enterpriseId;
    this.login = profile.login();
    this.loginKey = keyOf(profile.login());
    this.createdAt = Objects.requireNonNull(createdAt);
    apply(profile);
  }

  public static String keyOf(String login) {
    return Logins.keyOf(login);
  }

  /** Replaces everything provisioned about this member with {@code profile} (the login stays). */
  public void apply(MemberProfile profile) {
    this.name = profile.name();
    this.samlNameId = profile.samlNameId();
    this.samlNameIdKey =
        profile.samlNameId() == null ? null : MemberEmail.keyOf(profile.samlNameId());
    this.role = profile.role();
    this.orgRoles = String.join(",", profile.orgRoles());
    this.pendingInvites = String.join(",", profile.pendingInvites());
    this.privateRepoAccess = profile.privateRepoAccess();
    this.twoFactor = profile.twoFactor();
    this.emails.clear();
    profile.emails().forEach(e -> emails.add(new MemberEmail(e.address(), e.verified())));
  }

  /** What is provisioned about this member now, in the shape provisioning uses. */
  public MemberProfile profile() {
    return new MemberProfile(
        login,
        name,
        emails.stream().map(e -> new MemberProfile.Email(e.address(), e.verified())).toList(),
        samlNameId,
        role,
        orgRoles(),
        pendingInvites(),
        privateRepoAccess,
        twoFactor);
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  public Long id() {
    return id;
  }

  public long enterpriseId() {
    return enterpriseId;
  }

  public String login() {
    return login;
  }

  public String name() {
    return name;
  }

  public String samlNameId() {
    return samlNameId;
  }

  public EnterpriseRole role() {
    return role;
  }

  public List<String> orgRoles() {
    return split(orgRoles);
  }

  public List<String> pendingInvites() {
    return split(pendingInvites);
  }

  public boolean privateRepoAccess() {
    return privateRepoAccess;
  }

  public boolean twoFactor() {
    return twoFactor;
  }

  /**
   * The keys matching can join this member's Server accounts by ({@link
   * MemberProfile#matchingKeys}).
   */
  public java.util.Set<String> matchingKeys() {
    return profile().matchingKeys();
  }

  public List<MemberEmail> emails() {
    return List.copyOf(emails);
  }

  public boolean isOwner() {
    return role == EnterpriseRole.OWNER;
  }
}
