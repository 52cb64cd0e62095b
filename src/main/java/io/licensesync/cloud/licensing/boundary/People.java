package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberEmail;
import io.licensesync.cloud.licensing.control.MatchedBy;
import io.licensesync.cloud.licensing.control.SeatTally;
import io.licensesync.cloud.licensing.control.SortKeys;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.cloud.licensing.entity.ManualLink;
import io.licensesync.database.Databases;
import io.licensesync.database.StoredTime;
import io.licensesync.identity.Emails;
import io.licensesync.identity.Logins;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.hibernate.Session;

/**
 * Explains an enterprise's seats to its owners: who counts and why, the split between Cloud and
 * Server, Server accounts counted apart from a member who is probably the same person, and the
 * owner's own decisions — links ("this account is that member") and refusals ("not the same
 * person"), which matching honours at once. Every read is an indexed query on what matching stored;
 * nothing walks the enterprise's people in memory.
 */
@ApplicationScoped
@Transactional
public class People {

  private static final Logger LOG = Logger.getLogger(People.class.getName());

  /** The likely-duplicate rules, ranked: their confidence. */
  static final double UNVERIFIED_EMAIL = 0.9;

  static final double SAME_LOCAL_PART = 0.5;
  static final double SAME_LOCAL_PART_VERIFIED_DOMAIN = 0.6;

  /** Pages of likely duplicates kept (each at most 100 pairs), the least recently used dropped. */
  private static final int LIKELY_PAGES_KEPT = 256;

  @PersistenceContext EntityManager em;
  @Inject Licensing licensing;
  @Inject Enterprises enterprises;
  @Inject CloudAudit audit;
  @Inject ConsumedLicenseHeads heads;

  /** A page of an enterprise's likely duplicates, as of one version of its people. */
  private record LikelyPage(long enterpriseId, long version, int page, int perPage) {}

  private final Map<LikelyPage, PeopleJson.LikelyDuplicates> likelyPages =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<LikelyPage, PeopleJson.LikelyDuplicates> eldest) {
          return size() > LIKELY_PAGES_KEPT;
        }
      };

  /** Which people a list shows. */
  public enum Source {
    ALL,
    CLOUD,
    SERVER,
    BOTH;

    /** The filter named {@code text} (absent: all); 422 for anything else. */
    public static Source of(String text) {
      if (text == null || text.isEmpty()) {
        return ALL;
      }
      for (Source source : values()) {
        if (source != ALL && source.name().toLowerCase(Locale.ROOT).equals(text)) {
          return source;
        }
      }
      throw ApiException.invalid(
          "Parameter", "source", "invalid", "source must be cloud, server or both");
    }
  }

  /** A page of the enterprise's people (1-based), filtered; the total of the filtered list. */
  public PeopleJson.People page(
      Enterprise enterprise, Source source, String query, int page, int perPage) {
    long total = count(enterprise, source, query);
    return new PeopleJson.People(total, rows(enterprise, source, query, page, perPage, total));
  }

  /** How many people the filter selects (422 for a search that cannot match anything). */
  public long count(Enterprise enterprise, Source source, String query) {
    String q = search(query);
    if (source == Source.ALL && q == null) {
      return licensing.seatsConsumed(enterprise.id());
    }
    TypedQuery<Long> count =
        em.createQuery("select count(c) from ConsumedLicense c" + where(source, q), Long.class);
    bind(count, enterprise, q);
    return count.getSingleResult();
  }

  /** Page {@code page} (1-based) of the {@code total} people the filter selects. */
  public List<PeopleJson.Person> rows(
      Enterprise enterprise, Source source, String query, int page, int perPage, long total) {
    String q = search(query);
    long from = (long) (page - 1) * perPage;
    if (from >= total) {
      return List.of();
    }
    if (source == Source.ALL && q == null) {
      // the unfiltered list pages by position in the stored order: no scan grows with the page
      return withSince(
          enterprise.id(),
          licensing.rows(enterprise.id(), (int) from, (int) Math.min(total, from + perPage)));
    }
    TypedQuery<ConsumedLicense> rows =
        em.createQuery(
            "select c from ConsumedLicense c" + where(source, q) + " order by c.sortKey",
            ConsumedLicense.class);
    bind(rows, enterprise, q);
    return withSince(
        enterprise.id(),
        rows.setFirstResult((int) Math.min(Integer.MAX_VALUE, from))
            .setMaxResults(perPage)
            .getResultList());
  }

  /** The search as compared (trimmed, lower case; null for none); 422 when it cannot match. */
  private static String search(String query) {
    if (query != null) {
      TextRules.problem("q", query, TextRules.FILTER)
          .ifPresent(
              problem -> {
                throw ApiException.invalid("Parameter", "q", "invalid", problem);
              });
    }
    return query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
  }

  /** The rows as people, each with since when they count (one query for the page). */
  private List<PeopleJson.Person> withSince(long enterpriseId, List<ConsumedLicense> rows) {
    Map<String, Instant> since =
        since(enterpriseId, rows.stream().map(ConsumedLicense::personId).toList());
    return rows.stream().map(r -> PeopleJson.Person.of(r, since.get(r.personId()))).toList();
  }

  private Map<String, Instant> since(long enterpriseId, List<String> personIds) {
    Map<String, Instant> since = new HashMap<>();
    if (personIds.isEmpty()) {
      return since;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT person_id, since FROM person_seen WHERE enterprise_id = ?1"
                    + " AND person_id IN (?2)")
            .setParameter(1, enterpriseId)
            .setParameter(2, personIds)
            .getResultList();
    for (Object[] r : rows) {
      since.put((String) r[0], io.licensesync.database.StoredTime.of(r[1]));
    }
    return since;
  }

  /** The enterprise's latest seat changes, newest first. */
  public List<PeopleJson.SeatChange> changes(long enterpriseId, int page, int perPage) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, changed_at, cause, people_added, people_removed, seats_before,"
                    + " seats_after FROM seat_change WHERE enterprise_id = ?1"
                    + " ORDER BY changed_at DESC, id DESC")
            .setParameter(1, enterpriseId)
            .setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage))
            .setMaxResults(perPage)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new PeopleJson.SeatChange(
                    number(r[0]),
                    io.licensesync.database.StoredTime.of(r[1]),
                    (String) r[2],
                    (int) number(r[3]),
                    (int) number(r[4]),
                    (int) number(r[5]),
                    (int) number(r[6])))
        .toList();
  }

  private static String where(Source source, String q) {
    StringBuilder where = new StringBuilder(" where c.enterpriseId = :enterprise");
    switch (source) {
      case CLOUD -> where.append(" and c.memberId is not null and c.serverUser = false");
      case SERVER -> where.append(" and c.memberId is null");
      case BOTH -> where.append(" and c.memberId is not null and c.serverUser = true");
      default -> {
        // every person
      }
    }
    if (q != null) {
      where.append(" and (");
      String[] fields = {"login", "name", "verifiedDomainEmails", "serverEmails", "serverUserIds"};
      for (int i = 0; i < fields.length; i++) {
        where.append(i == 0 ? "" : " or ").append("lower(c.").append(fields[i]);
        where.append(") like :q escape '!'");
      }
      where.append(")");
    }
    return where.toString();
  }

  private static void bind(TypedQuery<?> query, Enterprise enterprise, String q) {
    query.setParameter("enterprise", enterprise.id());
    if (q != null) {
      query.setParameter("q", "%" + TextRules.likeLiteral(q) + "%");
    }
  }

  /** The person {@code personId} of the enterprise, with the emails compared and the decisions. */
  public PeopleJson.Person person(Enterprise enterprise, String personId) {
    ConsumedLicense row = row(enterprise.id(), personId).orElseThrow(ApiException::notFound);
    List<PeopleJson.ServerAccount> accounts = PeopleJson.Person.accounts(row);
    List<PeopleJson.EmailComparison> compared = new ArrayList<>();
    List<ManualLink> links = new ArrayList<>();
    if (row.memberId() != null) {
      Member member = em.find(Member.class, row.memberId());
      if (member != null) {
        compareMemberEmails(member, row, compared);
        links.addAll(
            em.createNamedQuery(ManualLink.OF_MEMBER, ManualLink.class)
                .setParameter("enterprise", enterprise.id())
                .setParameter("member", Logins.keyOf(member.login()))
                .getResultList());
      }
    } else {
      compareServerEmails(enterprise.id(), row, compared);
    }
    for (PeopleJson.ServerAccount account : accounts) {
      for (ManualLink link :
          em.createNamedQuery(ManualLink.OF_ACCOUNT, ManualLink.class)
              .setParameter("enterprise", enterprise.id())
              .setParameter("server", account.serverId())
              .setParameter("account", account.userId())
              .getResultList()) {
        if (links.stream().noneMatch(l -> l.id().equals(link.id()))) {
          links.add(link);
        }
      }
    }
    Map<Long, String> stale = staleness(enterprise.id());
    return PeopleJson.Person.of(
        row,
        since(enterprise.id(), List.of(row.personId())).get(row.personId()),
        compared,
        links.stream().map(l -> PeopleJson.Decision.of(l, stale.get(l.id()))).toList());
  }

  /**
   * The consumed license of person {@code personId}: a member or an account without email through
   * the person index (which holds the rows without a match key), a Server-only person by email
   * through the sort key kept with since when they count (V26: the person index leaves them out).
   */
  private Optional<ConsumedLicense> row(long enterpriseId, String personId) {
    if (personId == null || !personId.matches("[mea][0-9a-f]{1,40}")) {
      return Optional.empty();
    }
    String sql =
        personId.startsWith("e")
            ? "SELECT c.* FROM person_seen p JOIN consumed_license c"
                + " ON c.enterprise_id = p.enterprise_id AND c.sort_key = p.sort_key"
                + " WHERE p.enterprise_id = ?1 AND p.person_id = ?2 AND c.person_id = ?2"
            : "SELECT c.* FROM consumed_license c WHERE c.enterprise_id = ?1"
                + " AND c.person_id = ?2 AND c.match_key IS NULL";
    @SuppressWarnings("unchecked")
    List<ConsumedLicense> found =
        em.createNativeQuery(sql, ConsumedLicense.class)
            .setParameter(1, enterpriseId)
            .setParameter(2, personId)
            .setMaxResults(1)
            .getResultList();
    return found.stream().findFirst();
  }

  /** A member's emails and SAML NameID against the primary emails of the accounts matched. */
  private static void compareMemberEmails(
      Member member, ConsumedLicense row, List<PeopleJson.EmailComparison> compared) {
    List<String> accountKeys = row.serverEmails().stream().map(Emails::keyOf).toList();
    if (member.samlNameId() != null && !member.samlNameId().isBlank()) {
      boolean matched = accountKeys.contains(Emails.keyOf(member.samlNameId()));
      compared.add(
          new PeopleJson.EmailComparison(
              member.samlNameId(),
              "member_saml_name_id",
              matched,
              matched
                  ? "the SAML NameID equals a Server account's primary email"
                  : "no Server account of this enterprise has this primary email"));
    }
    for (MemberEmail email : member.emails()) {
      if (!email.verified()) {
        compared.add(
            new PeopleJson.EmailComparison(
                email.address(),
                "member_email",
                false,
                "unverified: only verified emails are matched"));
        continue;
      }
      boolean matched = accountKeys.contains(email.key());
      compared.add(
          new PeopleJson.EmailComparison(
              email.address(),
              "member_email",
              matched,
              matched
                  ? "verified, equals a Server account's primary email"
                  : "verified; no Server account of this enterprise has this primary email"));
    }
  }

  /** A Server-only person's primary emails against the members' emails: why none matched. */
  private void compareServerEmails(
      long enterpriseId, ConsumedLicense row, List<PeopleJson.EmailComparison> compared) {
    for (String address : row.serverEmails()) {
      List<Object[]> holders =
          em.createQuery(
                  "select m.login, e.verified from Member m join m.emails e"
                      + " where m.enterpriseId = :enterprise and e.addressKey = :key order by m.loginKey",
                  Object[].class)
              .setParameter("enterprise", enterpriseId)
              .setParameter("key", Emails.keyOf(address))
              .setMaxResults(5)
              .getResultList();
      if (holders.isEmpty()) {
        compared.add(
            new PeopleJson.EmailComparison(
                address,
                "server_primary_email",
                false,
                "no member has this address as a SAML NameID or an email"));
      }
      for (Object[] holder : holders) {
        boolean verified = (Boolean) holder[1];
        compared.add(
            new PeopleJson.EmailComparison(
                address,
                "server_primary_email",
                false,
                verified
                    ? "member "
                        + holder[0]
                        + " has this address verified, but an owner marked them not the same"
                        + " person"
                    : "member " + holder[0] + " has this address unverified: not matched"));
      }
    }
  }

  /** The seats split by where people count, and per connected instance. */
  public PeopleJson.Summary summary(Enterprise enterprise) {
    Object[] counts = latestTally(enterprise.id()).orElseGet(() -> countedNow(enterprise.id()));
    @SuppressWarnings("unchecked")
    List<Object[]> instances =
        em.createNativeQuery(
                "SELECT i.server_id, i.hostname, i.accounts_count,"
                    + " COALESCE(p.people, 0), COALESCE(p.only_here, 0)"
                    + " FROM connected_instance i LEFT JOIN instance_people p"
                    + " ON p.enterprise_id = i.enterprise_id AND p.server_id = i.server_id"
                    + " WHERE i.enterprise_id = ? ORDER BY i.hostname, i.server_id")
            .setParameter(1, enterprise.id())
            .getResultList();
    return new PeopleJson.Summary(
        number(counts[0]),
        enterprise.seatsPurchased(),
        number(counts[1]),
        number(counts[2]),
        number(counts[3]),
        instances.stream()
            .map(
                r ->
                    new PeopleJson.InstanceSummary(
                        (String) r[0], (String) r[1], number(r[2]), number(r[3]), number(r[4])))
            .toList());
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /**
   * The counts (people, Cloud only, Server only, on both) the enterprise's latest matching stored
   * with its day of seat history: what it counted in the rows it wrote, read from one row instead
   * of a scan of every person (about a second at 1M people). Empty before its first matching.
   */
  private Optional<Object[]> latestTally(long enterpriseId) {
    @SuppressWarnings("unchecked")
    List<Object[]> latest =
        em.createNativeQuery(SeatTally.LATEST_COUNTS)
            .setParameter(1, enterpriseId)
            .setMaxResults(1)
            .getResultList();
    return latest.stream().findFirst();
  }

  /** The same counts, counted in the enterprise's consumed licenses. */
  private Object[] countedNow(long enterpriseId) {
    return em.createQuery(
            "select count(c),"
                + " sum(case when c.memberId is not null and c.serverUser = false then 1 else 0 end),"
                + " sum(case when c.memberId is null then 1 else 0 end),"
                + " sum(case when c.memberId is not null and c.serverUser = true then 1 else 0 end)"
                + " from ConsumedLicense c where c.enterpriseId = :enterprise",
            Object[].class)
        .setParameter("enterprise", enterpriseId)
        .getSingleResult();
  }

  /**
   * Server accounts counted apart from a counted member who is probably the same person, ranked by
   * confidence: a member's unverified email equal to the account's primary email (0.9); the same
   * local part as a member's verified email on another domain (0.6 when either domain is one the
   * enterprise verified, else 0.5). Pairs an owner marked "not the same" are left out.
   *
   * <p>A page is kept on this node under the enterprise's version ({@link ConsumedLicenseHeads}):
   * everything the pairs are made of (accounts, members and their emails, decisions, verified
   * domains) changes only with a rematch, and every committed rematch makes a new version, read
   * from the database at each call. Finding the pairs reads every Server-only person's local part
   * (about 0.8 s at 1M people); a page kept is answered without it until the next change.
   */
  public PeopleJson.LikelyDuplicates likelyDuplicates(
      Enterprise enterprise, int page, int perPage) {
    LikelyPage key =
        new LikelyPage(enterprise.id(), heads.head(enterprise.id()).version(), page, perPage);
    synchronized (likelyPages) {
      PeopleJson.LikelyDuplicates kept = likelyPages.get(key);
      if (kept != null) {
        return kept;
      }
    }
    PeopleJson.LikelyDuplicates found = findLikelyDuplicates(enterprise, page, perPage);
    synchronized (likelyPages) {
      likelyPages.put(key, found);
    }
    return found;
  }

  private PeopleJson.LikelyDuplicates findLikelyDuplicates(
      Enterprise enterprise, int page, int perPage) {
    String pairs =
        likelyPairsSql(em.unwrap(Session.class).doReturningWork(Databases::isPostgreSql));
    long total =
        number(
            em.createNativeQuery("SELECT COUNT(*) FROM (" + pairs + ") d")
                .setParameter(1, enterprise.id())
                .getSingleResult());
    long from = (long) (page - 1) * perPage;
    if (from >= total) {
      return new PeopleJson.LikelyDuplicates(total, List.of());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                pairs + " ORDER BY rule_rank, person_id, member_login_key, server_id, account_id")
            .setParameter(1, enterprise.id())
            .setFirstResult((int) Math.min(Integer.MAX_VALUE, from))
            .setMaxResults(perPage)
            .getResultList();
    List<PeopleJson.LikelyDuplicate> found = new ArrayList<>();
    for (Object[] r : rows) {
      boolean unverified = number(r[0]) == 0;
      String accountEmail = (String) r[7];
      String memberEmail = (String) r[8];
      PeopleJson.ServerAccount account =
          new PeopleJson.ServerAccount(
              (String) r[2], (String) r[3], number(r[4]), MatchedBy.NONE.apiName());
      double confidence;
      String explanation;
      if (unverified) {
        confidence = UNVERIFIED_EMAIL;
        explanation =
            "member "
                + r[5]
                + " has the account's primary email "
                + accountEmail
                + " but has not verified it";
      } else {
        boolean onVerified =
            enterprise.onVerifiedDomain(accountEmail) || enterprise.onVerifiedDomain(memberEmail);
        confidence = onVerified ? SAME_LOCAL_PART_VERIFIED_DOMAIN : SAME_LOCAL_PART;
        explanation =
            "the account's primary email "
                + accountEmail
                + " and member "
                + r[5]
                + "'s verified email "
                + memberEmail
                + " share the part before @"
                + (onVerified ? " (one on a verified domain)" : "");
      }
      found.add(
          new PeopleJson.LikelyDuplicate(
              (String) r[1],
              account,
              (String) r[5],
              "m" + number(r[9]),
              unverified ? "unverified_email" : "same_local_part",
              explanation,
              confidence));
    }
    return new PeopleJson.LikelyDuplicates(total, List.copyOf(found));
  }

  /**
   * The candidate pairs: rule_rank, person_id, server_id, hostname, account_id, member login,
   * member_login_key, the account's email, the member's email, the member's id. A Server-only
   * person's accounts share one primary email key ({@code match_key}); the member must be counted.
   * A member's unverified email leads to the accounts holding it, and from their key to the
   * Server-only person by sort key ({@link SortKeys#serverOnlySql}; {@code pg}: PostgreSQL's SQL),
   * through the consumed licenses' order; a member's row is found through the person index, which
   * holds only the rows without a match key.
   */
  static String likelyPairsSql(boolean pg) {
    // PostgreSQL's index of the accounts' keys is COLLATE "C" (V28): compared so, it is used
    String byKey = pg ? " COLLATE \"C\"" : "";
    String accounts =
        " JOIN instance_account a ON a.primary_key"
            + byKey
            + " = c.match_key"
            + " JOIN connected_instance i ON i.id = a.instance_id AND i.enterprise_id = c.enterprise_id";
    String counted =
        " AND EXISTS (SELECT 1 FROM consumed_license cm WHERE cm.enterprise_id = c.enterprise_id"
            + " AND cm.person_id = 'm' || CAST(m.id AS VARCHAR(20)) AND cm.match_key IS NULL)"
            + " AND NOT EXISTS (SELECT 1 FROM manual_link n WHERE n.enterprise_id = c.enterprise_id"
            + " AND n.server_id = i.server_id AND n.account_id = a.account_id"
            + " AND n.member_login_key = m.login_key)";
    String columns =
        " c.person_id, i.server_id, i.hostname, a.account_id, m.login, m.login_key AS"
            + " member_login_key, a.primary_email, e.address, m.id";
    String unverified =
        "SELECT 0 AS rule_rank,"
            + columns
            + " FROM member_email e"
            + " JOIN enterprise_member m ON m.id = e.member_id AND m.enterprise_id = ?1"
            + " JOIN instance_account a ON a.primary_key"
            + byKey
            + " = e.address_key"
            + " JOIN connected_instance i ON i.id = a.instance_id AND i.enterprise_id = ?1"
            + " JOIN consumed_license c ON c.sort_key = "
            + SortKeys.serverOnlySql(pg, "a.primary_key")
            + " AND c.enterprise_id = ?1 AND c.member_id IS NULL AND c.match_key = a.primary_key"
            + " WHERE e.verified = FALSE"
            + counted;
    String memberLocals =
        "SELECT em.id, em.login, em.login_key, me.address, me.address_key,"
            + " SUBSTRING(me.address_key FROM 1 FOR POSITION('@' IN me.address_key) - 1) AS loc"
            + " FROM member_email me JOIN enterprise_member em ON em.id = me.member_id"
            + " WHERE em.enterprise_id = ?1 AND me.verified = TRUE";
    String sameLocal =
        "SELECT 1,"
            + columns.replace("e.address", "m.address")
            + " FROM ("
            + memberLocals
            + ") m JOIN consumed_license c ON c.enterprise_id = ?1 AND c.member_id IS NULL"
            + " AND c.match_local = m.loc AND c.match_key <> m.address_key"
            + accounts
            + " WHERE m.loc <> ''"
            + counted;
    return unverified + " UNION ALL " + sameLocal;
  }

  /** The enterprise's decisions of one kind, oldest first, each with why it is stale (if it is). */
  public List<PeopleJson.Decision> decisions(Enterprise enterprise, ManualLink.Kind kind) {
    Map<Long, String> stale = staleness(enterprise.id());
    return em
        .createNamedQuery(ManualLink.OF_ENTERPRISE, ManualLink.class)
        .setParameter("enterprise", enterprise.id())
        .setParameter("kind", kind)
        .getResultList()
        .stream()
        .map(l -> PeopleJson.Decision.of(l, stale.get(l.id())))
        .toList();
  }

  /** Why each stale decision of the enterprise is stale, by decision id (one query). */
  private Map<Long, String> staleness(long enterpriseId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT l.id, a.account_id, m.id FROM manual_link l"
                    + " LEFT JOIN connected_instance i ON i.enterprise_id = l.enterprise_id"
                    + " AND i.server_id = l.server_id"
                    + " LEFT JOIN instance_account a ON a.instance_id = i.id"
                    + " AND a.account_id = l.account_id"
                    + " LEFT JOIN enterprise_member m ON m.enterprise_id = l.enterprise_id"
                    + " AND m.login_key = l.member_login_key"
                    + " WHERE l.enterprise_id = ? AND (a.account_id IS NULL OR m.id IS NULL)")
            .setParameter(1, enterpriseId)
            .getResultList();
    Map<Long, String> stale = new HashMap<>();
    for (Object[] r : rows) {
      stale.put(
          number(r[0]),
          r[1] == null && r[2] == null
              ? "the Server account is not in its instance's latest usage and the member is gone"
              : r[1] == null
                  ? "the Server account is not in its instance's latest usage"
                  : "the member is gone");
    }
    return stale;
  }

  /**
   * Records an owner's decision about the Server account {@code userId} of instance {@code
   * serverId} and member {@code memberLogin}, and matches the enterprise again so consumed licenses
   * honour it at once. 422 naming the field when the instance, account or member is not there, when
   * the pair is decided already, or (for a link) when the account is linked to another member.
   */
  public PeopleJson.Decision decide(
      Enterprise enterprise,
      ManualLink.Kind kind,
      String serverId,
      long userId,
      String memberLogin,
      String by) {
    em.find(Enterprise.class, enterprise.id(), LockModeType.PESSIMISTIC_WRITE);
    String resource = kind == ManualLink.Kind.LINK ? "Link" : "NotSame";
    Long instanceId =
        em.createQuery(
                "select i.id from ConnectedInstance i where i.enterpriseId = :enterprise"
                    + " and i.serverId = :server",
                Long.class)
            .setParameter("enterprise", enterprise.id())
            .setParameter("server", serverId)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        resource,
                        "server_id",
                        "invalid",
                        "no Server instance with this server_id is connected to the enterprise"));
    long present =
        number(
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM instance_account WHERE instance_id = ? AND account_id = ?")
                .setParameter(1, instanceId)
                .setParameter(2, userId)
                .getSingleResult());
    if (present == 0) {
      throw ApiException.invalid(
          resource,
          "user_id",
          "invalid",
          "the instance's latest usage has no account with this user_id");
    }
    Member member =
        enterprises
            .member(enterprise.id(), memberLogin)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        resource,
                        "member_login",
                        "invalid",
                        "the enterprise has no member with this login"));
    List<ManualLink> existing =
        em.createNamedQuery(ManualLink.OF_ACCOUNT, ManualLink.class)
            .setParameter("enterprise", enterprise.id())
            .setParameter("server", serverId)
            .setParameter("account", userId)
            .getResultList();
    for (ManualLink link : existing) {
      if (link.memberLoginKey().equals(Logins.keyOf(member.login()))) {
        throw ApiException.invalid(
            resource,
            "member_login",
            "already_exists",
            "this account and member are already "
                + (link.kind() == ManualLink.Kind.LINK ? "linked" : "marked not the same")
                + " (decision "
                + link.id()
                + "); remove that first");
      }
      if (kind == ManualLink.Kind.LINK && link.kind() == ManualLink.Kind.LINK) {
        throw ApiException.invalid(
            resource,
            "user_id",
            "already_exists",
            "this account is linked to member "
                + link.memberLogin()
                + " (link "
                + link.id()
                + "); remove that link first");
      }
    }
    ManualLink link =
        new ManualLink(
            enterprise.id(), kind, serverId, userId, member.login(), by, StoredTime.now());
    em.persist(link);
    em.flush();
    audit.record(
        enterprise.id(),
        kind == ManualLink.Kind.LINK ? "link.create" : "not_same.create",
        null,
        member.login(),
        "account " + userId + " of server " + serverId + ", decision " + link.id());
    licensing.rematch(
        enterprise.id(),
        (kind == ManualLink.Kind.LINK ? "link" : "refusal")
            + " of account "
            + userId
            + " and member "
            + member.login()
            + " by "
            + by);
    LOG.info(
        () ->
            "Owner "
                + by
                + " recorded "
                + kind.apiName()
                + " "
                + link.id()
                + " in enterprise "
                + enterprise.slug());
    return PeopleJson.Decision.of(link, null);
  }

  /** Removes a decision of the enterprise (404 when it has none with this id), then rematches. */
  public void undo(Enterprise enterprise, ManualLink.Kind kind, long id, String by) {
    em.find(Enterprise.class, enterprise.id(), LockModeType.PESSIMISTIC_WRITE);
    ManualLink link = em.find(ManualLink.class, id);
    if (link == null || link.enterpriseId() != enterprise.id() || link.kind() != kind) {
      throw ApiException.notFound();
    }
    em.remove(link);
    em.flush();
    audit.record(
        enterprise.id(),
        kind == ManualLink.Kind.LINK ? "link.delete" : "not_same.delete",
        link.memberLogin(),
        null,
        "account " + link.accountId() + " of server " + link.serverId() + ", decision " + id);
    licensing.rematch(
        enterprise.id(),
        (kind == ManualLink.Kind.LINK ? "link" : "refusal")
            + " of account "
            + link.accountId()
            + " and member "
            + link.memberLogin()
            + " removed by "
            + by);
    LOG.info(
        () ->
            "Owner "
                + by
                + " removed "
                + kind.apiName()
                + " "
                + id
                + " in enterprise "
                + enterprise.slug());
  }
}
