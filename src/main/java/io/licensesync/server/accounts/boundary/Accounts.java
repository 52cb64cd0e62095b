package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.server.accounts.control.ReportRow;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.entity.AccountEmail;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.accounts.entity.UserStats;
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
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The use cases on this Server's accounts, each one transaction: create, rename, delete, suspend,
 * promote, list, count seats, import a report. Every refusal is an {@link ApiException} thrown
 * before anything is written, so a refused request changes nothing.
 */
@ApplicationScoped
@Transactional
public class Accounts {

  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
  private static final String RESOURCE = "User";

  @PersistenceContext EntityManager em;
  @Inject SeatRules seatRules;

  public UserAccount create(String login, String email) {
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
    UserAccount account = new UserAccount(nextId(), login, AccountType.USER, StoredTime.now());
    if (email != null) {
      account.setPrimaryEmail(email);
    }
    em.persist(account);
    em.flush();
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
    account.rename(newLogin);
    em.flush();
    return account;
  }

  public void delete(String login, long callerId) {
    UserAccount account = get(login);
    if (account.id() == callerId) {
      throw ApiException.invalid(
          RESOURCE, "login", "invalid", "you cannot delete your own account");
    }
    em.remove(account);
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
    TextRules.problem("reason", reason, TextRules.REASON)
        .ifPresent(
            problem -> {
              throw ApiException.invalid(RESOURCE, "reason", "invalid", problem);
            });
    account.suspend(reason, StoredTime.now());
  }

  public void unsuspend(String login) {
    get(login).unsuspend();
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
    account.setSiteAdmin(true);
  }

  public void demote(String login, long callerId) {
    UserAccount account = get(login);
    if (account.id() == callerId) {
      throw ApiException.forbidden("You cannot demote yourself; ask another site administrator.");
    }
    account.setSiteAdmin(false);
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

  /**
   * Applies a parsed report: an account is matched by id; a new id creates it with that id. With
   * {@code skipInvalid} false (the default), a report with any bad line changes nothing.
   */
  public ImportReport importReport(UsersReport report, boolean skipInvalid) {
    List<ImportReport.LineError> errors = new java.util.ArrayList<>(report.errors());
    List<ReportRow> rows = report.rows();
    for (ReportRow row : rows) {
      conflictOf(row)
          .ifPresent(message -> errors.add(new ImportReport.LineError(row.line(), message)));
    }
    errors.sort(java.util.Comparator.comparingLong(ImportReport.LineError::line));
    if (!errors.isEmpty() && !skipInvalid) {
      return new ImportReport(0, 0, 0, false, errors);
    }
    java.util.Set<Long> refused = new java.util.HashSet<>();
    errors.forEach(e -> refused.add(e.line()));
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    long maxId = 0;
    for (ReportRow row : rows) {
      if (refused.contains(row.line())) {
        continue;
      }
      UserAccount existing = em.find(UserAccount.class, row.id());
      if (existing == null) {
        UserAccount account =
            new UserAccount(
                row.id(), row.login(), AccountType.ofLogin(row.login()), row.createdAt());
        applyRow(account, row);
        em.persist(account);
        created++;
        maxId = Math.max(maxId, row.id());
      } else if (applyRow(existing, row)) {
        updated++;
      } else {
        unchanged++;
      }
    }
    em.flush();
    if (maxId > 0) {
      keepSequenceAbove(maxId);
    }
    int total = created + updated;
    LOG.info(() -> "Imported users report: " + total + " accounts written");
    return new ImportReport(created, updated, unchanged, true, errors);
  }

  /**
   * Why a valid line cannot apply to the accounts already here (login or email held by another
   * account).
   */
  private Optional<String> conflictOf(ReportRow row) {
    Optional<UserAccount> loginHolder = findByLogin(row.login());
    if (loginHolder.isPresent() && loginHolder.get().id() != row.id()) {
      return Optional.of(
          "login '"
              + row.login()
              + "' belongs to another account (id "
              + loginHolder.get().id()
              + ")");
    }
    if (row.email() != null) {
      Optional<UserAccount> emailHolder = holderOfEmail(row.email());
      if (emailHolder.isPresent() && emailHolder.get().id() != row.id()) {
        return Optional.of("email belongs to another account (id " + emailHolder.get().id() + ")");
      }
    }
    return Optional.empty();
  }

  /** Copies a report line onto an account; true when anything changed. */
  private static boolean applyRow(UserAccount account, ReportRow row) {
    boolean changed = false;
    if (!account.login().equals(row.login())) {
      account.rename(row.login());
      changed = true;
    }
    if (row.email() != null && !Objects.equals(account.primaryEmail().orElse(null), row.email())) {
      account.setPrimaryEmail(row.email());
      changed = true;
    }
    if (account.siteAdmin() != row.siteAdmin()) {
      account.setSiteAdmin(row.siteAdmin());
      changed = true;
    }
    if (account.suspended() != row.suspended()) {
      if (row.suspended()) {
        account.suspend("Suspended in the imported users report", StoredTime.now());
      } else {
        account.unsuspend();
      }
      changed = true;
    }
    if (!account.createdAt().equals(row.createdAt())) {
      account.setCreatedAt(row.createdAt());
      changed = true;
    }
    if (!Objects.equals(account.lastActiveAt(), row.lastActive())) {
      account.setLastActiveAt(row.lastActive());
      changed = true;
    }
    return changed;
  }

  private void checkEmailFree(String email, Long ownerId) {
    if (!AccountEmail.isWellFormed(email)) {
      throw ApiException.invalid(RESOURCE, "email", "invalid", "email is not a valid address");
    }
    Optional<UserAccount> holder = holderOfEmail(email);
    if (holder.isPresent() && !Objects.equals(holder.get().id(), ownerId)) {
      throw ApiException.invalid(
          RESOURCE, "email", "already_exists", "email is already in use by another account");
    }
  }

  private Optional<UserAccount> holderOfEmail(String email) {
    return em.createNamedQuery(UserAccount.BY_EMAIL, UserAccount.class)
        .setParameter("key", AccountEmail.keyOf(email))
        .getResultStream()
        .findFirst();
  }

  /**
   * The next account id from {@code user_account_seq}, in the SQL dialect of the database in use.
   */
  long nextId() {
    return ((Number)
            em.createNativeQuery(
                    dialectSql().getSequenceSupport().getSequenceNextValString("user_account_seq"))
                .getSingleResult())
        .longValue();
  }

  /** After accounts arrive with their own ids, new ids must not collide with them. */
  private void keepSequenceAbove(long maxId) {
    if (nextId() <= maxId) {
      em.createNativeQuery("ALTER SEQUENCE user_account_seq RESTART WITH " + (maxId + 1))
          .executeUpdate();
    }
  }

  private org.hibernate.dialect.Dialect dialectSql() {
    return em.unwrap(Session.class)
        .getSessionFactory()
        .unwrap(SessionFactoryImplementor.class)
        .getJdbcServices()
        .getDialect();
  }

  private static long count(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
