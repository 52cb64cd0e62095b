package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.database.PlainReads;
import io.licensesync.security.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Who presents an owner token: the first thing every owner's API request asks, so one plain
 * statement ({@link PlainReads}) in a bean with no interceptor at all. In {@link Enterprises},
 * whose methods all run in a transaction, the method needed {@code @Transactional(SUPPORTS)}, and
 * the interceptor alone was a tenth of the read's CPU under 16 clients.
 */
@ApplicationScoped
public class TokenHolders {

  @Inject PlainReads reads;

  /**
   * The API caller a token stands for, in one query and without loading the member (its emails are
   * a second query): the member's enterprise (an owner's requests are below it and need no second
   * lookup), member id, login and whether they own the enterprise. Nothing is cached: a new token,
   * a demotion or a removal counts from the next request.
   */
  public Optional<TokenHolder> holderOf(String token) {
    String digest = Tokens.digest(token);
    return reads.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(HOLDER)) {
            query.setString(1, digest);
            try (ResultSet row = query.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              Enterprise enterprise =
                  Enterprise.stored(
                      row.getLong(4),
                      row.getString(5),
                      row.getString(6),
                      row.getInt(7),
                      row.getString(8),
                      row.getObject(9, OffsetDateTime.class).toInstant(),
                      row.getString(10),
                      row.getLong(11));
              return Optional.of(
                  new TokenHolder(
                      enterprise,
                      row.getLong(1),
                      row.getString(2),
                      EnterpriseRole.OWNER.name().equals(row.getString(3))));
            }
          }
        });
  }

  private static final String HOLDER =
      "SELECT m.id, m.login, m.enterprise_role, e.id, e.slug, e.name, e.seats_purchased,"
          + " e.verified_domains, e.created_at, e.usage_key, e.version"
          + " FROM owner_token t JOIN enterprise_member m ON m.id = t.member_id"
          + " JOIN enterprise e ON e.id = m.enterprise_id WHERE t.token_hash = ?";

  /** Who presented an owner token, as the API's access checks need it, and their enterprise. */
  public record TokenHolder(Enterprise enterprise, long memberId, String login, boolean owner) {

    public long enterpriseId() {
      return enterprise.id();
    }
  }
}
