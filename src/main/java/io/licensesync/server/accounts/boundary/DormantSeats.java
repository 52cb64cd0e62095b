package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import io.licensesync.server.accounts.control.DormantSeat;
import io.licensesync.server.accounts.control.DormantSort;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.audit.boundary.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The seats an admin can reclaim: accounts that consume a seat ({@link SeatRules}) but have not
 * been active within the dormancy threshold. Site admins are never dormant, so never listed nor
 * offered. Rows are read a page at a time in the database (by position for the report's pages, by
 * keyset for the CSV); the bulk suspend checks every account first and changes all or nothing.
 */
@ApplicationScoped
@Transactional
public class DormantSeats {

  /** The most accounts one bulk suspend takes. */
  public static final int MAX_SELECTION = 100;

  static final String RESOURCE = "DormantSeats";

  private static final String SELECT =
      "select new io.licensesync.server.accounts.control.DormantSeat(a.id, a.login, a.loginKey,"
          + " a.lastActiveAt) from UserAccount a where ";
  private static final String DORMANT =
      SeatRules.CONSUMING + " and a.siteAdmin = false and a.lastActiveAt < :cutoff";

  @PersistenceContext EntityManager em;
  @Inject SeatRules seatRules;
  @Inject Accounts accounts;
  @Inject Audit audit;

  /** Accounts last active before this are dormant at {@code now}. */
  public Instant cutoff(Instant now) {
    return now.minus(seatRules.dormancyThreshold());
  }

  /** How many dormant accounts consume a seat at {@code now}. */
  public long count(Instant now) {
    return SeatRules.bind(
            em.createQuery("select count(a) from UserAccount a where " + DORMANT, Long.class))
        .setParameter("cutoff", cutoff(now))
        .getSingleResult();
  }

  /** {@code limit} rows from position {@code offset} in {@code sort}'s order. */
  public List<DormantSeat> page(DormantSort sort, int offset, int limit, Instant now) {
    return query(SELECT + DORMANT + sort.orderBy(), now)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The {@code limit} rows that follow {@code last} in {@code sort}'s order (first: null). */
  public List<DormantSeat> after(DormantSort sort, DormantSeat last, int limit, Instant now) {
    if (last == null) {
      return page(sort, 0, limit, now);
    }
    TypedQuery<DormantSeat> query =
        query(SELECT + DORMANT + " and " + sort.after() + sort.orderBy(), now);
    if (sort.key() == DormantSort.Key.LOGIN) {
      query.setParameter("afterKey", last.loginKey());
    } else {
      query.setParameter("afterTime", last.lastActiveAt()).setParameter("afterId", last.id());
    }
    return query.setMaxResults(limit).getResultList();
  }

  private TypedQuery<DormantSeat> query(String jpql, Instant now) {
    return SeatRules.bind(em.createQuery(jpql, DormantSeat.class))
        .setParameter("cutoff", cutoff(now));
  }

  /**
   * Suspends the accounts {@code logins} with {@code reason}, each on the audit trail, when every
   * one of them is a dormant account consuming a seat (never a site admin); otherwise 422 naming
   * each that is not, and nothing changes.
   */
  public Suspension suspend(List<String> logins, String reason) {
    List<ErrorBody.ErrorDetail> errors = new ArrayList<>();
    if (reason == null || reason.isBlank()) {
      errors.add(
          invalid(
              "reason", "missing_field", "reason is required: say why the accounts are suspended"));
    } else {
      TextRules.problem("reason", reason, TextRules.REASON)
          .ifPresent(problem -> errors.add(invalid("reason", "invalid", problem)));
    }
    Set<String> keys = new LinkedHashSet<>();
    if (logins == null || logins.isEmpty()) {
      errors.add(invalid("logins", "missing_field", "select at least one account to suspend"));
    } else if (logins.size() > MAX_SELECTION) {
      errors.add(
          invalid(
              "logins",
              "invalid",
              "select at most "
                  + MAX_SELECTION
                  + " accounts at a time ("
                  + logins.size()
                  + " given)"));
    } else {
      for (String login : logins) {
        if (login == null || login.isBlank() || !TextRules.fits(login, TextRules.LOGIN)) {
          errors.add(invalid("logins", "invalid", "each entry of logins must be a login"));
        } else {
          keys.add(UserAccount.keyOf(login.strip()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Instant now = StoredTime.now();
    Map<String, UserAccount> found =
        em.createQuery("select a from UserAccount a where a.loginKey in :keys", UserAccount.class)
            .setParameter("keys", keys)
            .getResultStream()
            .collect(Collectors.toMap(a -> UserAccount.keyOf(a.login()), Function.identity()));
    List<UserAccount> chosen = new ArrayList<>();
    for (String key : keys) {
      UserAccount account = found.get(key);
      String refusal = refusal(account, key, now);
      if (refusal != null) {
        errors.add(invalid("logins", "invalid", refusal));
      } else {
        chosen.add(account);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    long before = accounts.seatsUsed();
    for (UserAccount account : chosen) {
      account.suspend(reason, now);
      audit.record(
          Accounts.USER_SUSPEND,
          Accounts.ACTIVE,
          Accounts.SUSPENDED,
          Accounts.suspensionDetails(account, "dormant seat reclaimed"));
    }
    em.flush();
    long after = accounts.seatsUsed();
    audit.record(
        "dormant_seats.suspend",
        null,
        null,
        chosen.size() + " dormant account(s) suspended, " + (before - after) + " seat(s) freed");
    return new Suspension(chosen.stream().map(UserAccount::login).toList(), before - after, after);
  }

  /** Why {@code account} cannot be reclaimed now, or null when it can. */
  private String refusal(UserAccount account, String key, Instant now) {
    if (account == null) {
      return "there is no account " + key;
    }
    if (account.siteAdmin()) {
      return account.login()
          + " is a site administrator: site administrators are never dormant and cannot be suspended here";
    }
    if (account.suspended()) {
      return account.login() + " is already suspended";
    }
    if (!seatRules.consumesLicense(account)) {
      return account.login() + " does not consume a seat";
    }
    if (!seatRules.isDormant(account, now)) {
      return account.login() + " has been active within the dormancy threshold";
    }
    return null;
  }

  private static ErrorBody.ErrorDetail invalid(String field, String code, String message) {
    return new ErrorBody.ErrorDetail(RESOURCE, field, code, message);
  }

  /** What a bulk suspend did: the accounts suspended, the seats freed, the seats now used. */
  public record Suspension(List<String> suspended, long seatsFreed, long seatsUsed) {}
}
