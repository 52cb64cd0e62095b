package io.licensesync.server.accounts.control;

import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who consumes a license on this Server, in one place: a user or bot that is not suspended and has
 * signed in at least once; suspended and system accounts do not. Dormant accounts (no activity
 * within the threshold; site admins never) still consume and are only flagged. The same rule is
 * given as a Java predicate and as a JPQL condition so counts in the database agree with it.
 */
@ApplicationScoped
public class SeatRules {

  /**
   * The JPQL form of {@link #consumesLicense}, for an alias {@code a}; bind it with {@link #bind}.
   */
  public static final String CONSUMING =
      "a.type <> :seatRulesSystem and a.suspendedAt is null and a.lastActiveAt is not null";

  private Duration dormancyThreshold;

  protected SeatRules() {}

  @Inject
  public SeatRules(
      @ConfigProperty(name = "licensesync.server.dormancy-threshold", defaultValue = "P30D")
          String dormancyThreshold) {
    this(parse(dormancyThreshold));
  }

  public SeatRules(Duration dormancyThreshold) {
    if (dormancyThreshold.isNegative() || dormancyThreshold.isZero()) {
      throw new IllegalArgumentException("licensesync.server.dormancy-threshold must be positive");
    }
    this.dormancyThreshold = dormancyThreshold;
  }

  private static Duration parse(String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "licensesync.server.dormancy-threshold must be an ISO-8601 duration such as P30D", e);
    }
  }

  public boolean consumesLicense(UserAccount account) {
    return account.type() != AccountType.SYSTEM
        && !account.suspended()
        && account.lastActiveAt() != null;
  }

  /**
   * Dormant: not a site admin, not suspended, and no activity within the threshold (an account that
   * never signed in counts from its creation).
   */
  public boolean isDormant(UserAccount account, Instant now) {
    if (account.siteAdmin() || account.suspended() || account.type() == AccountType.SYSTEM) {
      return false;
    }
    Instant lastSeen =
        account.lastActiveAt() != null ? account.lastActiveAt() : account.createdAt();
    return lastSeen.isBefore(now.minus(dormancyThreshold));
  }

  public Duration dormancyThreshold() {
    return dormancyThreshold;
  }

  /** Binds the parameters {@link #CONSUMING} uses. */
  public static <Q extends Query> Q bind(Q query) {
    query.setParameter("seatRulesSystem", AccountType.SYSTEM);
    return query;
  }
}
