package io.licensesync.cloud.enterprises.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An enterprise account on the Cloud: a slug used in every URL, a name, the seats it bought and the
 * email domains it has verified (emails on those domains are reported as verified-domain emails).
 */
@Entity
@Table(name = "enterprise")
@NamedQuery(name = Enterprise.BY_SLUG, query = "select e from Enterprise e where e.slug = :slug")
@NamedQuery(name = Enterprise.ALL, query = "select e from Enterprise e order by e.slug")
public class Enterprise {

  public static final String BY_SLUG = "Enterprise.bySlug";
  public static final String ALL = "Enterprise.all";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,59}");
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

  @Id
  @SequenceGenerator(name = "cloud_seq", sequenceName = "cloud_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_seq")
  private Long id;

  @Column(nullable = false, length = 100)
  @Text(max = TextRules.SLUG)
  private String slug;

  @Column(nullable = false, length = 200)
  @Text(max = TextRules.NAME)
  private String name;

  @Column(name = "seats_purchased", nullable = false)
  private int seatsPurchased;

  @Column(name = "verified_domains", nullable = false, length = 2000)
  @Text(max = TextRules.DOMAINS)
  private String verifiedDomains;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** The key pair owners' uploaded files are encrypted for: a JWK encrypted with the secret key. */
  @Column(name = "usage_key", length = 4000)
  private String protectedUsageKey;

  @Version private long version;

  protected Enterprise() {}

  /**
   * An enterprise as a plain read of its row found it ({@code io.licensesync.database.PlainReads}):
   * detached, as every enterprise outside the transaction that loaded it; a change is made to the
   * one {@code EntityManager.find} returns.
   */
  public static Enterprise stored(
      long id,
      String slug,
      String name,
      int seatsPurchased,
      String verifiedDomains,
      Instant createdAt,
      String protectedUsageKey,
      long version) {
    Enterprise e = new Enterprise();
    e.id = id;
    e.slug = slug;
    e.name = name;
    e.seatsPurchased = seatsPurchased;
    e.verifiedDomains = verifiedDomains;
    e.createdAt = createdAt;
    e.protectedUsageKey = protectedUsageKey;
    e.version = version;
    return e;
  }

  public Enterprise(
      String slug,
      String name,
      int seatsPurchased,
      List<String> verifiedDomains,
      Instant createdAt) {
    if (!isValidSlug(slug)) {
      throw new IllegalArgumentException("not a valid slug");
    }
    this.slug = slug;
    this.createdAt = Objects.requireNonNull(createdAt);
    update(name, seatsPurchased, verifiedDomains);
  }

  /** Lower-case letters, digits and single inner hyphens, at most 60 characters. */
  public static boolean isValidSlug(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  public static boolean isValidDomain(String domain) {
    return domain != null
        && domain.length() <= 253
        && DOMAIN.matcher(domain.toLowerCase(Locale.ROOT)).matches();
  }

  public void update(String name, int seatsPurchased, List<String> verifiedDomains) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name is required, at most 200 characters");
    }
    if (seatsPurchased < 0) {
      throw new IllegalArgumentException("seats cannot be negative");
    }
    if (!verifiedDomains.stream().allMatch(Enterprise::isValidDomain)) {
      throw new IllegalArgumentException("not a valid domain");
    }
    this.name = name.strip();
    this.seatsPurchased = seatsPurchased;
    this.verifiedDomains =
        String.join(",", verifiedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
  }

  /** True when the address is on one of this enterprise's verified domains (or a subdomain). */
  public boolean onVerifiedDomain(String email) {
    int at = email.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    String domain = email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    return verifiedDomains().stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
  }

  public Long id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public int seatsPurchased() {
    return seatsPurchased;
  }

  public List<String> verifiedDomains() {
    return verifiedDomains.isEmpty() ? List.of() : Arrays.asList(verifiedDomains.split(","));
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String protectedUsageKey() {
    return protectedUsageKey;
  }

  /** Keeps the enterprise's license usage key pair; made once. */
  public void keepUsageKey(String protectedKey) {
    if (this.protectedUsageKey != null) {
      throw new IllegalStateException("the license usage key is made once");
    }
    this.protectedUsageKey = protectedKey;
  }
}
