package io.licensesync.server.access.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.security.PasswordHashing;
import io.licensesync.security.Tokens;
import io.licensesync.server.access.entity.AccessToken;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks passwords and tokens and issues tokens. Each successful authentication counts as activity
 * for the seat and dormancy rules, written at most every few minutes per account.
 */
@ApplicationScoped
@Transactional
public class Credentials {

  /** The prefix of this Server's personal access tokens. */
  public static final String TOKEN_PREFIX = "lsp_";

  private static final Duration ACTIVITY_GRANULARITY = Duration.ofMinutes(5);

  @PersistenceContext EntityManager em;

  /** The account a token belongs to, when the token is known and the account not suspended. */
  public Optional<UserAccount> byToken(String token) {
    Optional<AccessToken> found =
        em.createNamedQuery(AccessToken.BY_DIGEST, AccessToken.class)
            .setParameter("digest", Tokens.digest(token))
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    UserAccount account = em.find(UserAccount.class, found.get().accountId());
    if (account == null || account.suspended()) {
      return Optional.empty();
    }
    Instant now = StoredTime.now();
    if (found.get().lastUsedAt() == null || found.get().lastUsedAt().isBefore(now.minus(ACTIVITY_GRANULARITY))) {
      found.get().used(now);
      account.recordActivity(now);
    }
    return Optional.of(account);
  }

  /** The account a login and password belong to (a sign-in), when both match and it is not suspended. */
  public Optional<UserAccount> byPassword(String login, char[] password) {
    Optional<UserAccount> account =
        em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
            .setParameter("key", UserAccount.keyOf(login))
            .getResultStream()
            .findFirst()
            .filter(a -> !a.suspended())
            .filter(a -> PasswordHashing.matches(password, a.passwordHash()));
    account.ifPresent(a -> a.recordActivity(StoredTime.now()));
    return account;
  }

  /** A new token for an account; the secret is returned once and only its digest is kept. */
  public IssuedToken issue(long accountId, String note) {
    if (note == null || note.isBlank() || note.length() > 200) {
      throw ApiException.invalid("Token", "note", "invalid", "note is required, at most 200 characters");
    }
    String secret = Tokens.newToken(TOKEN_PREFIX);
    AccessToken token = new AccessToken(accountId, note.strip(), Tokens.digest(secret), StoredTime.now());
    em.persist(token);
    em.flush();
    return new IssuedToken(token.id(), token.note(), secret, token.createdAt());
  }

  public List<AccessToken> tokensOf(long accountId) {
    return em.createNamedQuery(AccessToken.OF_ACCOUNT, AccessToken.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  public void revoke(long accountId, long tokenId) {
    AccessToken token = em.find(AccessToken.class, tokenId);
    if (token == null || token.accountId() != accountId) {
      throw ApiException.notFound();
    }
    em.remove(token);
  }

  /** Removes an account's tokens whose note starts with {@code notePrefix}. */
  public void revokeNoted(long accountId, String notePrefix) {
    tokensOf(accountId).stream().filter(t -> t.note().startsWith(notePrefix)).forEach(em::remove);
  }

  /** A token as issued: the only time its secret is shown. */
  public record IssuedToken(long id, String note, String token, Instant createdAt) {}
}
