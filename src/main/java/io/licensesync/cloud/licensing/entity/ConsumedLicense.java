package io.licensesync.cloud.licensing.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One consumed license of an enterprise (one person), as matching last computed it, at its place in
 * the enterprise's stable order ({@code sort_key}, see {@code SortKeys}); reads page through these
 * rows and never recompute. Lists are stored one value per line.
 */
@Entity
@Table(name = "consumed_license")
@IdClass(ConsumedLicense.Key.class)
@NamedQuery(
    name = ConsumedLicense.CLEAR,
    query = "delete from ConsumedLicense c where c.enterpriseId = :enterprise")
public class ConsumedLicense {

  public static final String CLEAR = "ConsumedLicense.clear";

  /** One anchor per this many people of the order. */
  public static final int ANCHOR_EVERY = 100;

  @Id
  @Column(name = "enterprise_id")
  private long enterpriseId;

  @Column(name = "sort_key", nullable = false)
  private byte[] sortKey;

  @Column(name = "member_id")
  private Long memberId;

  @Column(name = "github_com_login", nullable = false)
  @Text(max = TextRules.LOGIN)
  private String login;

  @Column(name = "github_com_name", nullable = false)
  @Text(max = TextRules.NAME)
  private String name;

  @Column(name = "github_com_profile", nullable = false)
  private String profile;

  @Column(name = "github_com_user", nullable = false)
  private boolean cloudUser;

  @Column(name = "github_com_member_roles", nullable = false)
  private String memberRoles;

  @Column(name = "github_com_enterprise_roles", nullable = false)
  private String enterpriseRoles;

  @Column(name = "verified_domain_emails", nullable = false)
  private String verifiedDomainEmails;

  @Column(name = "saml_name_id", nullable = false)
  @Text(max = TextRules.EMAIL)
  private String samlNameId;

  @Column(name = "orgs_with_pending_invites", nullable = false)
  private String pendingInvites;

  @Column(name = "two_factor")
  private Boolean twoFactor;

  @Column(name = "enterprise_server_user", nullable = false)
  private boolean serverUser;

  @Column(name = "server_user_ids", nullable = false)
  private String serverUserIds;

  @Column(name = "server_emails", nullable = false)
  private String serverEmails;

  @Column(name = "total_user_accounts", nullable = false)
  private int totalUserAccounts;

  @Id
  @Column(name = "person_id", nullable = false)
  private String personId = "";

  @Column(name = "matched_by", nullable = false)
  private String matchedBy = "none";

  @Column(name = "server_accounts", nullable = false)
  private String serverAccounts = "";

  @Column(name = "cloud_seat_reason", nullable = false)
  private String cloudSeatReason = "";

  protected ConsumedLicense() {}

  @SuppressWarnings("java:S107")
  public ConsumedLicense(
      long enterpriseId,
      String personId,
      Long memberId,
      String login,
      String name,
      String profile,
      boolean cloudUser,
      List<String> memberRoles,
      List<String> enterpriseRoles,
      List<String> verifiedDomainEmails,
      String samlNameId,
      List<String> pendingInvites,
      Boolean twoFactor,
      List<String> serverUserIds,
      List<String> serverEmails,
      int totalUserAccounts) {
    this.enterpriseId = enterpriseId;
    this.personId = personId;
    this.memberId = memberId;
    this.login = login;
    this.name = name;
    this.profile = profile;
    this.cloudUser = cloudUser;
    this.memberRoles = join(memberRoles);
    this.enterpriseRoles = join(enterpriseRoles);
    this.verifiedDomainEmails = join(verifiedDomainEmails);
    this.samlNameId = samlNameId;
    this.pendingInvites = join(pendingInvites);
    this.twoFactor = twoFactor;
    this.serverUser = !serverUserIds.isEmpty();
    this.serverUserIds = join(serverUserIds);
    this.serverEmails = join(serverEmails);
    this.totalUserAccounts = totalUserAccounts;
  }

  /**
   * A row as read or written column by column, in the order of {@code LicenseRows.COLUMNS}
   * (enterprise, sort key, member, the member's values, the Server's, the person's id, rule,
   * accounts and seat reasons; the match key columns after those are not kept here). Not managed:
   * for reading only.
   */
  public static ConsumedLicense ofRow(Object[] row) {
    ConsumedLicense license = new ConsumedLicense();
    license.enterpriseId = ((Number) row[0]).longValue();
    license.sortKey = (byte[]) row[1];
    license.memberId = row[2] == null ? null : ((Number) row[2]).longValue();
    license.login = (String) row[3];
    license.name = (String) row[4];
    license.profile = (String) row[5];
    license.cloudUser = (Boolean) row[6];
    license.memberRoles = (String) row[7];
    license.enterpriseRoles = (String) row[8];
    license.verifiedDomainEmails = (String) row[9];
    license.samlNameId = (String) row[10];
    license.pendingInvites = (String) row[11];
    license.twoFactor = (Boolean) row[12];
    license.serverUser = (Boolean) row[13];
    license.serverUserIds = (String) row[14];
    license.serverEmails = (String) row[15];
    license.totalUserAccounts = ((Number) row[16]).intValue();
    license.personId = (String) row[17];
    license.matchedBy = (String) row[18];
    license.serverAccounts = (String) row[19];
    license.cloudSeatReason = (String) row[20];
    return license;
  }

  /** The person's place in the enterprise's stable order ({@code SortKeys}). */
  public byte[] sortKey() {
    return sortKey.clone();
  }

  /** How a list is stored in a column: one value per line. */
  public static String join(List<String> values) {
    return String.join("\n", values);
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
  }

  public String login() {
    return login;
  }

  public String name() {
    return name;
  }

  public String profile() {
    return profile;
  }

  public boolean cloudUser() {
    return cloudUser;
  }

  public List<String> memberRoles() {
    return split(memberRoles);
  }

  public List<String> enterpriseRoles() {
    return split(enterpriseRoles);
  }

  public List<String> verifiedDomainEmails() {
    return split(verifiedDomainEmails);
  }

  public String samlNameId() {
    return samlNameId;
  }

  public List<String> pendingInvites() {
    return split(pendingInvites);
  }

  public Boolean twoFactor() {
    return twoFactor;
  }

  public boolean serverUser() {
    return serverUser;
  }

  public List<String> serverUserIds() {
    return split(serverUserIds);
  }

  public List<String> serverEmails() {
    return split(serverEmails);
  }

  public int totalUserAccounts() {
    return totalUserAccounts;
  }

  public Long memberId() {
    return memberId;
  }

  /** The person's id, stable between syncs (see {@code PersonIds}). */
  public String personId() {
    return personId;
  }

  /** How the person's Server accounts joined them ({@code MatchedBy}'s API names). */
  public String matchedBy() {
    return matchedBy;
  }

  /** The person's Server accounts, each line: server id, hostname, account id, rule (tabs). */
  public List<String> serverAccountLines() {
    return split(serverAccounts);
  }

  /** The Cloud seat rules that apply to the member, one per line (empty: none). */
  public List<String> cloudSeatReasons() {
    return split(cloudSeatReason);
  }

  /** The composite key: enterprise and person. */
  public static class Key implements Serializable {
    private long enterpriseId;
    private String personId;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.enterpriseId == enterpriseId
          && Objects.equals(k.personId, personId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(enterpriseId, personId);
    }
  }
}
