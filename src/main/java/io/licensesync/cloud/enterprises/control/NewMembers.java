package io.licensesync.cloud.enterprises.control;

import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.cloud.instances.control.BulkInsert;
import io.licensesync.database.Databases;
import io.licensesync.identity.Logins;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes members new to an enterprise, with their emails, in bulk ({@link BulkInsert}: COPY on
 * PostgreSQL, JDBC batches on H2) instead of one JPA persist each: the profiles were validated by
 * {@link MemberProvisioning} as the entity's constraints would.
 *
 * <p>Ids come from {@code cloud_seq}, as JPA's do, in blocks that cannot meet JPA's: the sequence
 * steps by {@value #BLOCK} and Hibernate's pooled optimizer gives the ids {@code v - 49 … v} for
 * each value {@code v} it draws, so each value drawn here owns the same block, and no value is
 * drawn twice.
 */
public final class NewMembers {

  /** The sequence's increment, the {@code allocationSize} of {@code Member}'s generator. */
  static final int BLOCK = 50;

  private static final String[] MEMBER_COLUMNS = {
    "id",
    "enterprise_id",
    "login",
    "login_key",
    "name",
    "saml_name_id",
    "saml_name_id_key",
    "enterprise_role",
    "org_roles",
    "pending_invites",
    "private_repo_access",
    "two_factor",
    "created_at",
    "version"
  };
  private static final int[] MEMBER_TYPES = {
    Types.BIGINT,
    Types.BIGINT,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.BOOLEAN,
    Types.BOOLEAN,
    Types.TIMESTAMP_WITH_TIMEZONE,
    Types.BIGINT
  };
  private static final String[] EMAIL_COLUMNS = {"member_id", "address", "address_key", "verified"};
  private static final int[] EMAIL_TYPES = {
    Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN
  };

  private NewMembers() {}

  /**
   * Inserts {@code profiles} (logins the enterprise does not have) as members created {@code at}.
   */
  public static void insert(
      Connection connection, long enterpriseId, List<MemberProfile> profiles, Instant at)
      throws SQLException {
    if (profiles.isEmpty()) {
      return;
    }
    long[] ids = ids(connection, profiles.size());
    OffsetDateTime created = at.atOffset(ZoneOffset.UTC);
    try (BulkInsert members =
        BulkInsert.into(connection, "enterprise_member", MEMBER_COLUMNS, MEMBER_TYPES, true)) {
      for (int i = 0; i < profiles.size(); i++) {
        MemberProfile p = profiles.get(i);
        members.row(
            ids[i],
            enterpriseId,
            p.login(),
            Logins.keyOf(p.login()),
            p.name(),
            p.samlNameId(),
            p.samlNameId() == null ? null : MemberEmail.keyOf(p.samlNameId()),
            p.role().name(),
            String.join(",", p.orgRoles()),
            String.join(",", p.pendingInvites()),
            p.privateRepoAccess(),
            p.twoFactor(),
            created,
            0L);
      }
      members.finish();
    }
    try (BulkInsert emails =
        BulkInsert.into(connection, "member_email", EMAIL_COLUMNS, EMAIL_TYPES, true)) {
      for (int i = 0; i < profiles.size(); i++) {
        for (MemberProfile.Email e : profiles.get(i).emails()) {
          emails.row(ids[i], e.address(), MemberEmail.keyOf(e.address()), e.verified());
        }
      }
      emails.finish();
    }
  }

  /** {@code n} ids: every id of each block drawn, one statement for all the blocks. */
  static long[] ids(Connection connection, int n) throws SQLException {
    int blocks = (n + BLOCK - 1) / BLOCK;
    String sql =
        Databases.isPostgreSql(connection)
            ? "SELECT nextval('cloud_seq') FROM generate_series(1, ?)"
            : "SELECT NEXT VALUE FOR cloud_seq FROM SYSTEM_RANGE(1, ?)";
    long[] ids = new long[n];
    int next = 0;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setInt(1, blocks);
      try (ResultSet values = query.executeQuery()) {
        while (values.next() && next < n) {
          long hi = values.getLong(1);
          for (long id = Math.max(1, hi - BLOCK + 1); id <= hi && next < n; id++) {
            ids[next++] = id;
          }
        }
      }
    }
    if (next < n) {
      // only the sequence's very first value gives fewer than a block (ids start at 1)
      long[] rest = ids(connection, n - next);
      System.arraycopy(rest, 0, ids, next, rest.length);
    }
    return ids;
  }
}
