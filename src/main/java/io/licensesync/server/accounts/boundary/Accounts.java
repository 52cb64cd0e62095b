package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.server.accounts.control.AccountIds;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.AccountEmail;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.accounts.entity.UserStats;
import io.licensesync.server.audit.boundary.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The use cases on this Server's accounts, each one transaction: create, rename, delete, suspend,
 * promote, list, count seats (the import of a users report is {@link UsersReportImport}). Every
 * refusal is an {@link ApiException} thrown before anything is written, so a refused request
 * changes nothing.
 */
@ApplicationScoped
@Transactional
public class Accounts {

  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
  private static final String RESOURCE = "User";
  static final String USER_SUSPEND = "user.suspend";
  static final String SUSPENDED = "suspended";
  static final String ACTIVE = "active";

  @PersistenceContext EntityManager em;
  @Inject SeatRules seatRules;
  @Inject AccountIds ids;
  @Inject Audit audit;

  public UserAccount create(String login, String email) {
    Validated.check(RESOURCE, new AccountRequest(login, email, null));
    if (!UserAccount.isValidLogin(login, AccountType.USER)) {
      throw ApiException.invalid(
          RESOURCE,
          "login",
          "invalid",
          "login may contain only letters, digits and single hyphens, at most 39 characters, and cannot start or end with a hyphen");
    }
    if (findByLogin(login).isPresent()) {
      throw ApiException.invalid(RESOURCE, "login", "already_exists", "login is already taken");
    }
    if (email != null) {
      checkEmailFree(email, null);
    }
    UserAccount account = new UserAccount(ids.next(), login, AccountType.USER, StoredTime.now());
    if (email != null) {
      account.setPrimaryEmail(email);
    }
    em.persist(account);
    em.flush();
    audit.record(
        "user.create",
        null,
        account.login(),
        email == null ? "without an email" : "with a primary email (not recorded here)");
    LOG.info(() -> "Created account " + account.id());
    return account;
  }

  public UserAccount get(String login) {
    return findByLogin(login).orElseThrow(ApiException::notFound);
  }

  public Optional<UserAccount> findById(long id) {
    return Optional.ofNullable(em.find(UserAccount.class, id));
  }

  public Optional<UserAccount> findByLogin(String login) {
    if (login == null || login.isBlank() || !TextRules.fits(login, TextRules.LOGIN)) {
      return Optional.empty();
    }
    return em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("key", UserAccount.keyOf(login))
        .getResultStream()
        .findFirst();
  }

  public UserAccount rename(String login, String newLogin) {
    Validated.check(RESOURCE, new AccountRequest(newLogin, null, null));
    UserAccount account = get(login);
    AccountType type = account.type();
    if (!UserAccount.isValidLogin(newLogin, type)) {
      throw ApiException.invalid(
          RESOURCE, "login", "invalid", "the new login is not a valid login");
    }
    Optional<UserAccount> holder = findByLogin(newLogin);
    if (holder.isPresent() && holder.get().id() != account.id()) {
      throw ApiException.invalid(RESOURCE, "login", "already_exists", "login is already taken");
    }
    String before = account.login();
    account.rename(newLogin);
    em.flush();
    audit.record("user.rename", before, account.login(), "account " + account.id());
    return account;
  }

  public void delete(String login, long callerId) {
    UserAccount account = get(login);
    if (account.id() == callerId) {
      throw ApiException.invalid(
          RESOURCE, "login", "invalid", "you cannot delete your own account");
    }
    em.remove(account);
    audit.record("user.delete", account.login(), null, "account " + account.id());
  }

  public void suspend(String login, String reason, long callerId) {
    UserAccount account = get(login);
    if (account.id() == callerId) {
      throw ApiException.forbidden("You cannot suspend your own account.");
    }
    if (account.siteAdmin()) {
      throw ApiException.forbidden(
          "Site administrators cannot be suspended; demote the account first.");
    }
    Validated.check(RESOURCE, new AccountRequest(null, null, reason));
    String before = account.suspended() ? SUSPENDED : ACTIVE;
    account.suspend(reason, StoredTime.now());
    audit.record(USER_SUSPEND, before, SUSPENDED, suspensionDetails(account, null));
  }

  /** The audit details of a suspension: whose, and why. */
  static String suspensionDetails(UserAccount account, String context) {
    return account.login()
        + (context == null ? "" : " (" + context + ")")
        + ": "
        + (account.suspensionReason() == null
            ? "no reason given"
            : "reason: " + account.suspensionReason());
  }

  public void unsuspend(String login) {
    UserAccount account = get(login);
    if (account.suspended()) {
      account.unsuspend();
      audit.record("user.unsuspend", SUSPENDED, ACTIVE, account.login());
    }
  }

  public void promote(String login) {
    UserAccount account = get(login);
    if (account.type() != AccountType.USER) {
      throw ApiException.invalid(
          RESOURCE, "login", "invalid", "only user accounts can be site administrators");
    }
    if (account.suspended()) {
      throw ApiException.invalid(
          RESOURCE, "login", "invalid", "a suspended account cannot be a site administrator");
    }
    if (!account.siteAdmin()) {
      account.setSiteAdmin(true);
      audit.record("user.promote", "user", "site admin", account.login());
    }
  }

  public void demote(String login, long callerId) {
    UserAccount account = get(login);
    if (account.id() == callerId) {
      throw ApiException.forbidden("You cannot demote yourself; ask another site administrator.");
    }
    if (account.siteAdmin()) {
      account.setSiteAdmin(false);
      audit.record("user.demote", "site admin", "user", account.login());
    }
  }

  /** Accounts with an id above {@code since}, in id order, as {@code GET /users} pages them. */
  public List<UserAccount> page(long since, int perPage) {
    return em.createNamedQuery(UserAccount.PAGE_SINCE, UserAccount.class)
        .setParameter("since", since)
        .setMaxResults(perPage)
        .getResultList();
  }

  /**
   * Accounts whose login or any email address contains {@code text}, ignoring case, in id order;
   * every account when {@code text} is blank. Wildcards typed by the viewer match literally; a text
   * longer than any login or email, or with control characters, matches nothing.
   */
  public List<UserAccount> matching(String text, int offset, int perPage) {
    if (!TextRules.fits(text, TextRules.FILTER)) {
      return List.of();
    }
    return filtered("select a from UserAccount a", text, " order by a.id", UserAccount.class)
        .setFirstResult(offset)
        .setMaxResults(perPage)
        .getResultList();
  }

  /** How many accounts {@link #matching} finds for {@code text}. */
  public long countMatching(String text) {
    if (!TextRules.fits(text, TextRules.FILTER)) {
      return 0;
    }
    return filtered("select count(a) from UserAccount a", text, "", Long.class).getSingleResult();
  }

  private <T> TypedQuery<T> filtered(String select, String text, String order, Class<T> type) {
    if (text == null || text.isBlank()) {
      return em.createQuery(select + order, type);
    }
    String pattern = "%" + TextRules.likeLiteral(text.strip().toLowerCase(Locale.ROOT)) + "%";
    return em.createQuery(
            select
                + " where lower(a.login) like :pattern escape '!'"
                + " or exists (select b.id from UserAccount b join b.emails e"
                + " where b.id = a.id and lower(e.address) like :pattern escape '!')"
                + order,
            type)
        .setParameter("pattern", pattern);
  }

  public UserStats stats() {
    Object[] row = (Object[]) em.createNamedQuery(UserAccount.STATS).getSingleResult();
    return new UserStats(count(row[0]), count(row[1]), count(row[2]));
  }

  /** How many accounts consume a license under {@link SeatRules}, counted in the database. */
  public long seatsUsed() {
    return SeatRules.bind(
            em.createQuery(
                "select count(a) from UserAccount a where " + SeatRules.CONSUMING, Long.class))
        .getSingleResult();
  }

  private void checkEmailFree(String email, Long ownerId) {
    if (!AccountEmail.isWellFormed(email)) {
      throw ApiException.invalid(RESOURCE, "email", "invalid", "email is not a valid address");
    }
    Optional<UserAccount> holder = findByEmail(email);
    if (holder.isPresent() && !Objects.equals(holder.get().id(), ownerId)) {
      throw ApiException.invalid(
          RESOURCE, "email", "already_exists", "email is already in use by another account");
    }
  }

  /** The account holding {@code email} among its addresses, if any. */
  public Optional<UserAccount> findByEmail(String email) {
    return em.createNamedQuery(UserAccount.BY_EMAIL, UserAccount.class)
        .setParameter("key", AccountEmail.keyOf(email))
        .getResultStream()
        .findFirst();
  }

  private static long count(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /**
   * The text a request may set on an account, each bounded by its column; what a use case does not
   * take is null.
   */
  record AccountRequest(
      @Text(max = TextRules.LOGIN) String login,
      @Text(max = TextRules.EMAIL) String email,
      @Text(max = TextRules.REASON) String reason) {}
}
