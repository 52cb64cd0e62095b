package io.licensesync.server.access.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.security.PasswordHashing;
import io.licensesync.security.Tokens;
import io.licensesync.server.access.entity.AccessToken;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.audit.boundary.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks passwords and tokens and issues tokens. Each successful authentication counts as activity
 * for the seat and dormancy rules, written at most every few minutes per account — except with an
 * impersonation token, which is an admin acting, not the person. A token made with a token dies
 * with it. A password check takes as long for an unknown login as for a known one.
 */
@ApplicationScoped
@Transactional
public class Credentials {

  /** The prefix of this Server's personal access tokens. */
  public static final String TOKEN_PREFIX = "lsp_";

  private static final Duration ACTIVITY_GRANULARITY = Duration.ofMinutes(5);

  @PersistenceContext EntityManager em;
  @Inject Audit audit;

  /** The account a token belongs to, when the token is known and the account not suspended. */
  public Optional<TokenUse> byToken(String token) {
    Optional<AccessToken> found =
        em.createNamedQuery(AccessToken.BY_DIGEST, AccessToken.class)
            .setParameter("digest", Tokens.digest(token))
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AccessToken used = found.get();
    UserAccount account = em.find(UserAccount.class, used.accountId());
    if (account == null || account.suspended()) {
      return Optional.empty();
    }
    Instant now = StoredTime.now();
    if (used.lastUsedAt() == null || used.lastUsedAt().isBefore(now.minus(ACTIVITY_GRANULARITY))) {
      used.used(now);
      if (!used.impersonation()) {
        account.recordActivity(now);
      }
    }
    return Optional.of(new TokenUse(account, used.id(), used.impersonation()));
  }

  /**
   * The account a login and password belong to (a sign-in), when both match and it is not
   * suspended. The password is always run through PBKDF2 — against a dummy hash when the login is
   * unknown or has no password — so the answer's timing does not tell whether a login exists.
   */
  public Optional<UserAccount> byPassword(String login, char[] password) {
    Optional<UserAccount> account =
        em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
            .setParameter("key", UserAccount.keyOf(login))
            .getResultStream()
            .findFirst();
    boolean matches =
        PasswordHashing.matchesOrSpendTheSameTime(
            password, account.map(UserAccount::passwordHash).orElse(null));
    if (!matches || account.get().suspended()) {
      return Optional.empty();
    }
    account.get().recordActivity(StoredTime.now());
    return account;
  }

  /**
   * A new token for an account, made with the token {@code parentId} (null: with a password), which
   * it dies with; {@code impersonation} marks an admin acting as the account. The secret is
   * returned once and only its digest is kept.
   */
  public IssuedToken issue(long accountId, String note, Long parentId, boolean impersonation) {
    Validated.check("Token", new TokenRequest(note));
    if (note == null || note.isBlank()) {
      throw ApiException.invalid(
          "Token", "note", "invalid", "note is required, at most 200 characters");
    }
    String secret = Tokens.newToken(TOKEN_PREFIX);
    AccessToken token =
        new AccessToken(
            accountId,
            note.strip(),
            Tokens.digest(secret),
            StoredTime.now(),
            parentId,
            impersonation);
    em.persist(token);
    em.flush();
    UserAccount owner = em.find(UserAccount.class, accountId);
    audit.record(
        impersonation ? "user.impersonation_token.created" : "token.created",
        null,
        "token " + token.id(),
        (impersonation ? "acting as " : "for ") + owner.login() + ", note: " + token.note());
    return new IssuedToken(token.id(), token.note(), secret, token.createdAt());
  }

  public List<AccessToken> tokensOf(long accountId) {
    return em.createNamedQuery(AccessToken.OF_ACCOUNT, AccessToken.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  /** Revokes one of an account's tokens and every token made with it (transitively). */
  public void revoke(long accountId, long tokenId) {
    AccessToken token = em.find(AccessToken.class, tokenId);
    if (token == null || token.accountId() != accountId) {
      throw ApiException.notFound();
    }
    int revoked = revokeWithDescendants(List.of(tokenId));
    audit.record(
        "token.revoked",
        "token " + tokenId,
        null,
        revoked > 1 ? "with " + (revoked - 1) + " token(s) made with it" : null);
  }

  /** Revokes an account's impersonation tokens and every token made with them (transitively). */
  public void revokeImpersonation(long accountId) {
    UserAccount account = em.find(UserAccount.class, accountId);
    int revoked =
        revokeWithDescendants(
            em.createNamedQuery(AccessToken.IMPERSONATION_OF_ACCOUNT, Long.class)
                .setParameter("account", accountId)
                .getResultList());
    audit.record(
        "user.impersonation_token.revoked",
        null,
        null,
        "acting as " + account.login() + ": " + revoked + " token(s) revoked");
  }

  /** Revokes the tokens {@code roots} and every token made with them; answers how many. */
  private int revokeWithDescendants(List<Long> roots) {
    Set<Long> all = new HashSet<>(roots);
    List<Long> generation = roots;
    while (!generation.isEmpty()) {
      List<Long> children =
          em.createNamedQuery(AccessToken.CHILDREN_OF, Long.class)
              .setParameter("ids", generation)
              .getResultList();
      generation = children.stream().filter(all::add).toList();
    }
    if (!all.isEmpty()) {
      em.flush();
      em.createNamedQuery(AccessToken.DELETE_ALL).setParameter("ids", all).executeUpdate();
      em.clear();
    }
    return all.size();
  }

  /**
   * A token that authenticated a request: whose it is, which it is, whether it is an impersonation.
   */
  public record TokenUse(UserAccount account, long tokenId, boolean impersonation) {}

  /** A token as issued: the only time its secret is shown. */
  public record IssuedToken(long id, String note, String token, Instant createdAt) {}

  /** The note a new token is given, bounded by its column. */
  record TokenRequest(@Text(max = TextRules.NOTE) String note) {}
}
