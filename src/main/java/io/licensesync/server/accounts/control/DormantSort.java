package io.licensesync.server.accounts.control;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import java.util.ArrayList;
import java.util.List;

/**
 * How the dormant seats report is ordered: by last activity (the default, oldest first, so the
 * longest unused seats lead) or by login, either way round. Each order is total (ties broken by id)
 * and has its keyset condition, so the CSV walks a million rows along an index without offsets.
 */
public record DormantSort(Key key, boolean descending) {

  /** What the report is sorted by, as the {@code sort} parameter names it. */
  public enum Key {
    LAST_ACTIVE("last_active"),
    LOGIN("login");

    private final String parameter;

    Key(String parameter) {
      this.parameter = parameter;
    }

    public String parameter() {
      return parameter;
    }
  }

  public static final DormantSort DEFAULT = new DormantSort(Key.LAST_ACTIVE, false);

  /**
   * Reads {@code sort} ({@code last_active} or {@code login}) and {@code direction} ({@code asc} or
   * {@code desc}); absent means the default. 422 naming each parameter at fault.
   */
  public static DormantSort parse(String sort, String direction) {
    List<ErrorBody.ErrorDetail> errors = new ArrayList<>();
    Key key = Key.LAST_ACTIVE;
    if (sort != null && !sort.isEmpty()) {
      key = null;
      for (Key candidate : Key.values()) {
        if (candidate.parameter.equals(sort)) {
          key = candidate;
        }
      }
      if (key == null) {
        errors.add(
            new ErrorBody.ErrorDetail(
                "Parameter", "sort", "invalid", "sort must be last_active or login"));
      }
    }
    boolean descending = false;
    if (direction != null && !direction.isEmpty()) {
      if (!direction.equals("asc") && !direction.equals("desc")) {
        errors.add(
            new ErrorBody.ErrorDetail(
                "Parameter", "direction", "invalid", "direction must be asc or desc"));
      }
      descending = direction.equals("desc");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new DormantSort(key, descending);
  }

  public String direction() {
    return descending ? "desc" : "asc";
  }

  /** The JPQL {@code order by} clause for an alias {@code a}. */
  public String orderBy() {
    String way = descending ? " desc" : " asc";
    return key == Key.LOGIN
        ? " order by a.loginKey" + way
        : " order by a.lastActiveAt" + way + ", a.id" + way;
  }

  /**
   * The JPQL condition selecting the rows after {@code :afterTime}/{@code :afterId} (last activity)
   * or {@code :afterKey} (login) in this order.
   */
  public String after() {
    String op = descending ? "<" : ">";
    return key == Key.LOGIN
        ? "a.loginKey " + op + " :afterKey"
        : "(a.lastActiveAt "
            + op
            + " :afterTime or (a.lastActiveAt = :afterTime and a.id "
            + op
            + " :afterId))";
  }
}
