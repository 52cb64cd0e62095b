package io.licensesync.server.accounts.entity;

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
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.annotations.BatchSize;

/**
 * A user account of this Server. It guards its own rules: a login GitHub would accept, unique
 * case-insensitively through {@code login_key}; at most one primary email (exactly one once it has
 * any); a suspension always has a time.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(
    name = UserAccount.BY_LOGIN,
    query = "select a from UserAccount a where a.loginKey = :key")
@NamedQuery(
    name = UserAccount.PAGE_SINCE,
    query = "select a from UserAccount a where a.id > :since order by a.id")
@NamedQuery(
    name = UserAccount.BY_EMAIL,
    query = "select a from UserAccount a join a.emails e where e.addressKey = :key")
@NamedQuery(
    name = UserAccount.STATS,
    query =
        "select count(a), sum(case when a.siteAdmin = true then 1 else 0 end),"
            + " sum(case when a.suspendedAt is not null then 1 else 0 end) from UserAccount a")
@NamedQuery(
    name = UserAccount.ADMINS_WITH_PASSWORD,
    query =
        "select count(a) from UserAccount a where a.siteAdmin = true and a.passwordHash is not null")
public class UserAccount {

  public static final String BY_LOGIN = "UserAccount.byLogin";
  public static final String PAGE_SINCE = "UserAccount.pageSince";
  public static final String BY_EMAIL = "UserAccount.byEmail";
  public static final String STATS = "UserAccount.stats";
  public static final String ADMINS_WITH_PASSWORD = "UserAccount.adminsWithPassword";

  @Id private Long id;

  @Column(nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String login;

  @Column(name = "login_key", nullable = false, length = 64)
  @Text(max = TextRules.LOGIN)
  private String loginKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "account_type", nullable = false, length = 16)
  private AccountType type;

  @Column(name = "site_admin", nullable = false)
  private boolean siteAdmin;

  @Column(name = "suspended_at")
  private Instant suspendedAt;

  @Column(name = "suspension_reason", length = 500)
  @Text(max = TextRules.REASON)
  private String suspensionReason;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_active_at")
  private Instant lastActiveAt;

  @Column(name = "password_hash")
  private String passwordHash;

  @Version private long version;

  /** Loaded for up to a page (1,000) of accounts in one query, not one query per account. */
  @Valid
  @ElementCollection(fetch = FetchType.EAGER)
  @BatchSize(size = 1000)
  @CollectionTable(name = "account_email", joinColumns = @JoinColumn(name = "account_id"))
  private List<AccountEmail> emails = new ArrayList<>();

  protected UserAccount() {}

  public UserAccount(long id, String login, AccountType type, Instant createdAt) {
    if (!isValidLogin(login, type)) {
      throw new IllegalArgumentException("not a valid login");
    }
    this.id = id;
    this.login = login;
    this.loginKey = keyOf(login);
    this.type = Objects.requireNonNull(type);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  /**
   * True when GitHub would accept {@code login} for an account of this type (bots end in {@code
   * [bot]}).
   */
  public static boolean isValidLogin(String login, AccountType type) {
    if (login == null) {
      return false;
    }
    String name =
        type == AccountType.BOT && login.endsWith("[bot]")
            ? login.substring(0, login.length() - 5)
            : login;
    return Logins.isValid(name);
  }

  /** The case-insensitive key logins are compared and stored under. */
  public static String keyOf(String login) {
    return Logins.keyOf(login);
  }

  public void rename(String newLogin) {
    if (!isValidLogin(newLogin, type)) {
      throw new IllegalArgumentException("not a valid login");
    }
    this.login = newLogin;
    this.loginKey = keyOf(newLogin);
  }

  /** Makes {@code address} the primary email, adding it when the account does not have it yet. */
  public void setPrimaryEmail(String address) {
    String key = AccountEmail.keyOf(address);
    emails.forEach(AccountEmail::demote);
    Optional<AccountEmail> existing = emails.stream().filter(e -> e.key().equals(key)).findFirst();
    if (existing.isPresent()) {
      existing.get().promote();
    } else {
      emails.add(new AccountEmail(address, true));
    }
  }

  /** Adds a secondary address; the first address an account gets is primary. */
  public void addEmail(String address) {
    String key = AccountEmail.keyOf(address);
    if (emails.stream().noneMatch(e -> e.key().equals(key))) {
      emails.add(new AccountEmail(address, emails.isEmpty()));
    }
  }

  public void suspend(String reason, Instant at) {
    if (suspendedAt == null) {
      suspendedAt = Objects.requireNonNull(at);
    }
    suspensionReason = reason == null || reason.isBlank() ? null : reason.strip();
  }

  public void unsuspend() {
    suspendedAt = null;
    suspensionReason = null;
  }

  public void setSiteAdmin(boolean siteAdmin) {
    this.siteAdmin = siteAdmin;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  /** Records activity (a sign-in or an authenticated request); never moves the time backwards. */
  public void recordActivity(Instant at) {
    if (lastActiveAt == null || at.isAfter(lastActiveAt)) {
      lastActiveAt = at;
    }
  }

  /** Sets the last activity exactly as a report says (an import may move it either way). */
  public void setLastActiveAt(Instant lastActiveAt) {
    this.lastActiveAt = lastActiveAt;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public long id() {
    return id;
  }

  public String login() {
    return login;
  }

  public AccountType type() {
    return type;
  }

  public boolean siteAdmin() {
    return siteAdmin;
  }

  public boolean suspended() {
    return suspendedAt != null;
  }

  public Instant suspendedAt() {
    return suspendedAt;
  }

  public String suspensionReason() {
    return suspensionReason;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastActiveAt() {
    return lastActiveAt;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public List<AccountEmail> emails() {
    return Collections.unmodifiableList(emails);
  }

  public Optional<String> primaryEmail() {
    return emails.stream().filter(AccountEmail::primary).map(AccountEmail::address).findFirst();
  }
}
