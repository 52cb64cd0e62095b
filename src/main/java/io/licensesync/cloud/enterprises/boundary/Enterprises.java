package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.control.MemberLookup;
import io.licensesync.cloud.enterprises.control.NewMembers;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.cloud.enterprises.entity.OwnerToken;
import io.licensesync.database.Databases;
import io.licensesync.database.StoredTime;
import io.licensesync.identity.Logins;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.security.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The use cases on enterprises and their members, each one transaction: the operator creates an
 * enterprise with its first owner; owners provision members (all or nothing) and issue tokens.
 * Member changes fire {@link EnterpriseUsageChanged} so consumed licenses are matched again before
 * the commit.
 */
@ApplicationScoped
@Transactional
public class Enterprises {

  /** The prefix of owners' personal access tokens on the Cloud. */
  public static final String TOKEN_PREFIX = "lsc_";

  private static final Logger LOG = Logger.getLogger(Enterprises.class.getName());

  /** Logins looked up per query. */
  static final int LOOKUP_BATCH = 1000;

  /** Members created at once from which the database's statistics are brought up to date. */
  static final int ANALYZE_FROM = 1000;

  @PersistenceContext EntityManager em;
  @Inject Event<EnterpriseUsageChanged> usageChanged;
  @Inject CloudAudit audit;

  public Created create(
      String slug, String name, int seats, List<String> domains, MemberProfile owner) {
    if (!Enterprise.isValidSlug(slug)) {
      throw ApiException.invalid(
          "Enterprise",
          "slug",
          "invalid",
          "slug may contain lower-case letters, digits and single hyphens, at most 60 characters");
    }
    if (find(slug).isPresent()) {
      throw ApiException.invalid(
          "Enterprise", "slug", "already_exists", "an enterprise with this slug exists");
    }
    checkDescription(name, domains);
    Enterprise enterprise;
    try {
      enterprise = new Enterprise(slug, name, seats, domains, StoredTime.now());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Enterprise", "enterprise", "invalid", e.getMessage());
    }
    em.persist(enterprise);
    em.flush();
    Member first =
        new Member(enterprise.id(), withRole(owner, EnterpriseRole.OWNER), StoredTime.now());
    em.persist(first);
    em.flush();
    String token = issueToken(first, "first owner token");
    audit.record(
        enterprise.id(),
        "enterprise.create",
        null,
        slug,
        seats + " seats purchased, first owner " + first.login());
    usageChanged.fire(new EnterpriseUsageChanged(enterprise.id(), "enterprise created"));
    LOG.info(() -> "Created enterprise " + slug);
    return new Created(enterprise, first, token);
  }

  /** The enterprise {@code slug}, or 404 as GitHub answers for an enterprise one may not see. */
  public Enterprise require(String slug) {
    return find(slug).orElseThrow(ApiException::notFound);
  }

  public Optional<Enterprise> find(String slug) {
    if (slug == null || !TextRules.fits(slug, TextRules.SLUG)) {
      return Optional.empty();
    }
    // a list of at most one: cheaper than Hibernate's scrolling stream
    return em
        .createNamedQuery(Enterprise.BY_SLUG, Enterprise.class)
        .setParameter("slug", slug)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }

  public List<Enterprise> all() {
    return em.createNamedQuery(Enterprise.ALL, Enterprise.class).getResultList();
  }

  public Enterprise update(long enterpriseId, String name, int seats, List<String> domains) {
    checkDescription(name, domains);
    Enterprise enterprise = em.find(Enterprise.class, enterpriseId);
    audit.record(
        enterpriseId,
        "enterprise.update",
        enterprise.seatsPurchased() + " seats",
        seats + " seats",
        "name and verified domains as given");
    try {
      enterprise.update(name, seats, domains);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Enterprise", "enterprise", "invalid", e.getMessage());
    }
    em.flush();
    usageChanged.fire(new EnterpriseUsageChanged(enterpriseId, "enterprise settings changed"));
    return em.find(Enterprise.class, enterpriseId);
  }

  public List<Member> members(long enterpriseId) {
    return em.createNamedQuery(Member.OF_ENTERPRISE, Member.class)
        .setParameter("enterprise", enterpriseId)
        .getResultList();
  }

  /** Members {@code from} to {@code from + max} in login order: one page, not all of them. */
  public List<Member> members(long enterpriseId, int from, int max) {
    return em.createNamedQuery(Member.OF_ENTERPRISE, Member.class)
        .setParameter("enterprise", enterpriseId)
        .setFirstResult(from)
        .setMaxResults(max)
        .setHint("org.hibernate.readOnly", true)
        .getResultList();
  }

  public long memberCount(long enterpriseId) {
    return em.createNamedQuery(Member.COUNT, Long.class)
        .setParameter("enterprise", enterpriseId)
        .getSingleResult();
  }

  /** How many members consume a Cloud seat by {@code CloudSeatRules}, counted in the database. */
  public long membersConsumingSeats(long enterpriseId) {
    return em.createNamedQuery(Member.COUNT_CONSUMING, Long.class)
        .setParameter("enterprise", enterpriseId)
        .getSingleResult();
  }

  public Optional<Member> memberById(long memberId) {
    return Optional.ofNullable(em.find(Member.class, memberId));
  }

  public Optional<Member> member(long enterpriseId, String login) {
    if (login == null || login.isBlank() || !TextRules.fits(login, TextRules.LOGIN)) {
      return Optional.empty();
    }
    return em.createNamedQuery(Member.BY_LOGIN, Member.class)
        .setParameter("enterprise", enterpriseId)
        .setParameter("key", Logins.keyOf(login))
        .getResultStream()
        .findFirst();
  }

  /**
   * Creates or replaces each given member (matched by login); members not named stay as they are.
   * Refuses, changing nothing, when it would leave the enterprise without an owner. Only the named
   * members are read (by login, one statement per 10,000, see {@link MemberLookup}); the new ones
   * are written in bulk ({@link NewMembers}) and only the changed ones loaded and written through
   * JPA; the matching runs again once, and only when something changed.
   */
  public ProvisioningResult provision(long enterpriseId, List<MemberProfile> profiles) {
    Map<String, MemberLookup.Stored> existing = named(enterpriseId, profiles);
    int unchanged = 0;
    Set<String> changedLogins = new HashSet<>();
    Set<String> createdLogins = new HashSet<>();
    Map<Long, MemberProfile> changes = new HashMap<>();
    List<MemberProfile> fresh = new ArrayList<>();
    for (MemberProfile profile : profiles) {
      String key = Logins.keyOf(profile.login());
      MemberLookup.Stored stored = existing.get(key);
      if (stored == null) {
        fresh.add(profile);
        changedLogins.add(key);
        createdLogins.add(key);
      } else if (stored.sameAs(profile)) {
        unchanged++;
      } else {
        changedLogins.add(key);
        changes.put(stored.id(), profile);
      }
    }
    // the keys the changed members held and hold, the new members' keys
    Set<String> keys = new HashSet<>();
    boolean ownerDemoted = false;
    for (Member member : changed(changes.keySet())) {
      keys.addAll(member.matchingKeys());
      MemberProfile profile = changes.get(member.id());
      ownerDemoted |= member.isOwner() && profile.role() != EnterpriseRole.OWNER;
      keys.addAll(profile.matchingKeys());
      member.apply(profile);
    }
    fresh.forEach(profile -> keys.addAll(profile.matchingKeys()));
    int updated = changes.size();
    int created = fresh.size();
    em.flush();
    // the new members in bulk, on the persistence context's connection (see NewMembers)
    em.unwrap(org.hibernate.Session.class)
        .doWork(c -> NewMembers.insert(c, enterpriseId, fresh, StoredTime.now()));
    // the members are written: none stays managed, so the flushes still to come in this
    // transaction (the matching's, the commit's) do not check 10,000 members and their emails
    em.clear();
    if (created >= ANALYZE_FROM) {
      // the matching below, and the next batches, plan with the new rows counted once the tables
      // doubled since their statistics
      long written = created;
      em.unwrap(org.hibernate.Session.class)
          .doWork(c -> Databases.analyzeIfStale(c, written, "enterprise_member", "member_email"));
    }
    if (ownerDemoted) {
      // only a demoted owner can leave none (an enterprise has one from its creation on)
      requireAnOwner(enterpriseId);
    }
    audit.record(
        enterpriseId,
        "members.provision",
        null,
        null,
        created + " created, " + updated + " updated, " + unchanged + " unchanged");
    if (created + updated > 0) {
      usageChanged.fire(
          new EnterpriseUsageChanged(
              enterpriseId,
              "members provisioned (" + created + " new, " + updated + " changed)",
              new EnterpriseUsageChanged.ChangedMembers(
                  changedLogins, createdLogins, keys, Set.of())));
    }
    return new ProvisioningResult(created, updated, unchanged);
  }

  /**
   * What is stored about the enterprise's members among {@code profiles}' logins, by login key:
   * read in one statement per 10,000 logins, each looked up by the unique index (see {@link
   * MemberLookup}).
   */
  private Map<String, MemberLookup.Stored> named(long enterpriseId, List<MemberProfile> profiles) {
    List<String> keys = profiles.stream().map(p -> Logins.keyOf(p.login())).distinct().toList();
    return em.unwrap(org.hibernate.Session.class)
        .doReturningWork(c -> MemberLookup.byLoginKey(c, enterpriseId, keys));
  }

  /** The members with these ids, their emails in the same query, {@value #LOOKUP_BATCH} a query. */
  private List<Member> changed(Set<Long> ids) {
    List<Long> all = List.copyOf(ids);
    List<Member> found = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
      found.addAll(
          em.createNamedQuery(Member.BY_IDS, Member.class)
              .setParameter("ids", all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH)))
              .getResultList());
    }
    return found;
  }

  public void removeMember(long enterpriseId, String login) {
    Member member = member(enterpriseId, login).orElseThrow(ApiException::notFound);
    EnterpriseUsageChanged.ChangedMembers removed =
        new EnterpriseUsageChanged.ChangedMembers(
            Set.of(Logins.keyOf(member.login())),
            Set.of(),
            member.matchingKeys(),
            Set.of(member.id()));
    em.remove(member);
    em.flush();
    requireAnOwner(enterpriseId);
    audit.record(enterpriseId, "member.remove", member.login(), null, null);
    usageChanged.fire(
        new EnterpriseUsageChanged(enterpriseId, "member " + member.login() + " removed", removed));
  }

  private void requireAnOwner(long enterpriseId) {
    long owners =
        em.createNamedQuery(Member.COUNT_OWNERS, Long.class)
            .setParameter("enterprise", enterpriseId)
            .setParameter("owner", EnterpriseRole.OWNER)
            .getSingleResult();
    if (owners == 0) {
      throw ApiException.invalid(
          "Member", "enterprise_role", "invalid", "an enterprise must keep at least one owner");
    }
  }

  /** A token for an owner of the enterprise; the secret is returned once. */
  public String issueOwnerToken(long enterpriseId, String login, String note) {
    Member member =
        member(enterpriseId, login)
            .filter(Member::isOwner)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "Token",
                        "login",
                        "invalid",
                        "tokens are only for owners of this enterprise"));
    if (note == null || note.isBlank() || note.length() > 200) {
      throw ApiException.invalid(
          "Token", "note", "invalid", "note is required, at most 200 characters");
    }
    Validated.check("Token", new TokenNote(note));
    String token = issueToken(member, note.strip());
    audit.record(
        enterpriseId, "owner_token.created", null, member.login(), "note: " + note.strip());
    return token;
  }

  /** The name and verified domains fit their columns, each field named when they do not. */
  private static void checkDescription(String name, List<String> domains) {
    Validated.check("Enterprise", new EnterpriseName(name));
    for (String domain : domains) {
      if (!Enterprise.isValidDomain(domain)) {
        throw ApiException.invalid(
            "Enterprise",
            "verified_domains",
            "invalid",
            "verified_domains must be domain names such as example.com");
      }
    }
    if (String.join(",", domains).length() > TextRules.DOMAINS) {
      throw ApiException.invalid(
          "Enterprise",
          "verified_domains",
          "invalid",
          "verified_domains are longer than " + TextRules.DOMAINS + " characters together");
    }
  }

  private String issueToken(Member member, String note) {
    String secret = Tokens.newToken(TOKEN_PREFIX);
    em.persist(new OwnerToken(member.id(), note, Tokens.digest(secret), StoredTime.now()));
    return secret;
  }

  public Optional<Member> byToken(String token) {
    return em.createNamedQuery(OwnerToken.BY_DIGEST, OwnerToken.class)
        .setParameter("digest", Tokens.digest(token))
        .getResultStream()
        .findFirst()
        .map(t -> em.find(Member.class, t.memberId()));
  }

  private static MemberProfile withRole(MemberProfile p, EnterpriseRole role) {
    return new MemberProfile(
        p.login(),
        p.name(),
        p.emails(),
        p.samlNameId(),
        role,
        p.orgRoles(),
        p.pendingInvites(),
        p.privateRepoAccess(),
        p.twoFactor());
  }

  /** A new enterprise, its first owner, and that owner's first token (shown once). */
  public record Created(Enterprise enterprise, Member owner, String ownerToken) {}

  /** What a provisioning request did. */
  public record ProvisioningResult(int created, int updated, int unchanged) {}

  /** A token's note, within its column. */
  record TokenNote(@Text(max = TextRules.NOTE) String note) {}

  /** An enterprise's display name, within its column. */
  record EnterpriseName(@Text(max = TextRules.NAME) String name) {}
}
