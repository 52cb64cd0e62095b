package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import java.sql.Types;
import java.util.List;

/**
 * A matched person as a {@code consumed_license} row, column by column, for writing in bulk: what
 * {@link ConsumedLicense} reads back (lists one value per line, the member's verified emails on the
 * enterprise's verified domains, the total of accounts the person has across deployments).
 */
public final class LicenseRows {

  public static final String[] COLUMNS = {
    "enterprise_id",
    "sort_key",
    "member_id",
    "github_com_login",
    "github_com_name",
    "github_com_profile",
    "github_com_user",
    "github_com_member_roles",
    "github_com_enterprise_roles",
    "verified_domain_emails",
    "saml_name_id",
    "orgs_with_pending_invites",
    "two_factor",
    "enterprise_server_user",
    "server_user_ids",
    "server_emails",
    "total_user_accounts",
    "person_id",
    "matched_by",
    "server_accounts",
    "cloud_seat_reason",
    "match_key",
    "match_local"
  };

  public static final int[] TYPES = {
    Types.BIGINT,
    Types.VARBINARY,
    Types.BIGINT,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.BOOLEAN,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.BOOLEAN,
    Types.BOOLEAN,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.INTEGER,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR
  };

  private LicenseRows() {}

  /** The row of {@code person}, at its {@link MatchQuery.MatchedPerson#sortKey} in the order. */
  public static Object[] values(
      Enterprise enterprise, MatchQuery.MatchedPerson person, String profileBase) {
    List<String> ids = userIds(person);
    List<String> serverEmails = serverEmails(person);
    MatchQuery.MemberRow m = person.member();
    if (m == null) {
      return serverOnly(enterprise.id(), person, ids, serverEmails);
    }
    List<String> domainEmails =
        m.verifiedEmails().stream().filter(enterprise::onVerifiedDomain).toList();
    return new Object[] {
      enterprise.id(),
      person.sortKey(),
      m.id(),
      m.login(),
      m.name() == null ? "" : m.name(),
      profileBase + m.login(),
      person.consumesCloudSeat(),
      ConsumedLicense.join(m.orgRoles()),
      m.role().apiName(),
      ConsumedLicense.join(domainEmails),
      m.samlNameId() == null ? "" : m.samlNameId(),
      ConsumedLicense.join(m.pendingInvites()),
      m.twoFactor(),
      !ids.isEmpty(),
      ConsumedLicense.join(ids),
      ConsumedLicense.join(serverEmails),
      ids.size() + 1,
      PersonIds.member(m.id()),
      PersonIds.memberMatchedBy(person),
      PersonIds.accounts(person, null),
      ConsumedLicense.join(
          CloudSeatRules.reasons(
              m.orgRoles(), m.role(), m.privateRepoAccess(), m.pendingInvites())),
      null,
      null
    };
  }

  /** The row of a Server-only {@code person} (no member) of enterprise {@code enterpriseId}. */
  public static Object[] serverOnly(long enterpriseId, MatchQuery.MatchedPerson person) {
    return serverOnly(enterpriseId, person, userIds(person), serverEmails(person));
  }

  private static Object[] serverOnly(
      long enterpriseId,
      MatchQuery.MatchedPerson person,
      List<String> ids,
      List<String> serverEmails) {
    String key = PersonIds.matchKey(person);
    String matchedBy = PersonIds.serverOnlyMatchedBy(person);
    return new Object[] {
      enterpriseId,
      person.sortKey(),
      null,
      "",
      "",
      "",
      false,
      "",
      "",
      "",
      "",
      "",
      null,
      !ids.isEmpty(),
      ConsumedLicense.join(ids),
      ConsumedLicense.join(serverEmails),
      ids.size(),
      PersonIds.serverOnly(person, key),
      matchedBy,
      PersonIds.accounts(person, matchedBy),
      "",
      key,
      PersonIds.localPart(key)
    };
  }

  private static List<String> userIds(MatchQuery.MatchedPerson person) {
    return person.serverAccounts().stream().map(ServerAccount::userId).toList();
  }

  /** The person's accounts' primary emails, each once, in the accounts' order. */
  private static List<String> serverEmails(MatchQuery.MatchedPerson person) {
    return person.serverAccounts().stream()
        .map(ServerAccount::primaryEmail)
        .filter(e -> e != null)
        .distinct()
        .toList();
  }
}
