package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.rest.ApiException;
import java.util.Optional;

/**
 * The authenticated caller of the current Cloud API request, set by {@link CloudAuthentication}.
 * The checks answer as the real system does: another enterprise's owner gets 404, never a hint that
 * the enterprise exists. Request-scoped through {@link CloudCallers}' producer, not as a bean of
 * its own: the server injected a request-scoped bean's fields per request with a reflective walk of
 * its class (a twentieth of a light API request's CPU), a produced one is just constructed.
 */
public class CloudCaller {

  private final Enterprises enterprises;

  private String pathSlug;
  private Enterprise pathEnterprise;

  /** What kind of credential the caller presented. */
  public enum Kind {
    OPERATOR,
    MEMBER,
    INSTANCE
  }

  private Kind kind;
  private long enterpriseId;
  private long principalId;
  private String login;
  private boolean owner;

  /** For the request scope's proxy only. */
  protected CloudCaller() {
    this.enterprises = null;
  }

  CloudCaller(Enterprises enterprises) {
    this.enterprises = enterprises;
  }

  void operator() {
    this.kind = Kind.OPERATOR;
  }

  void member(long enterpriseId, long memberId, String login, boolean owner) {
    this.kind = Kind.MEMBER;
    this.enterpriseId = enterpriseId;
    this.principalId = memberId;
    this.login = login;
    this.owner = owner;
  }

  void instance(long enterpriseId, long instanceId) {
    this.kind = Kind.INSTANCE;
    this.enterpriseId = enterpriseId;
    this.principalId = instanceId;
  }

  public void requireOperator() {
    if (kind != Kind.OPERATOR) {
      throw ApiException.forbidden("Must be the Cloud operator.");
    }
  }

  /**
   * Keeps the enterprise {@link CloudAuthentication} found for the request's path (or an owner
   * token's own enterprise, which comes with the token), so it is not looked up again (it is as
   * detached as a fresh lookup would be: each runs in a transaction of its own).
   */
  void pathEnterprise(String slug, Enterprise enterprise) {
    this.pathSlug = slug;
    this.pathEnterprise = enterprise;
  }

  /** The enterprise {@code slug} when it is already known to this request (see above). */
  Optional<Enterprise> knownEnterprise(String slug) {
    return pathEnterprise != null && slug != null && slug.equals(pathSlug)
        ? Optional.of(pathEnterprise)
        : Optional.empty();
  }

  /**
   * The enterprise {@code slug} when this caller owns it: 404 when there is none, and the refusal
   * of {@link #requireOwnerOf(Enterprise)} when it is not theirs.
   */
  public Enterprise requireOwnerOf(String slug) {
    Enterprise enterprise = knownEnterprise(slug).orElseGet(() -> enterprises.require(slug));
    requireOwnerOf(enterprise);
    return enterprise;
  }

  /** Passes for an owner of {@code enterprise}; anyone else gets 404. */
  public void requireOwnerOf(Enterprise enterprise) {
    if (!isOwnerOf(enterprise)) {
      throw ApiException.notFound();
    }
  }

  /**
   * Whether this caller may use anything below {@code enterprise}: its owner, or one of its
   * instances (the operator's rights are decided by each endpoint).
   */
  public boolean reaches(Enterprise enterprise) {
    return isOwnerOf(enterprise) || isInstanceOf(enterprise);
  }

  public boolean isOwnerOf(Enterprise enterprise) {
    return kind == Kind.MEMBER && owner && enterpriseId == enterprise.id();
  }

  /** Passes for the instance with this id (its own credential); anyone else gets 404. */
  public void requireInstance(long instanceId) {
    if (kind != Kind.INSTANCE || principalId != instanceId) {
      throw ApiException.notFound();
    }
  }

  /** True for an instance connected to {@code enterprise}, presenting its own credential. */
  public boolean isInstanceOf(Enterprise enterprise) {
    return kind == Kind.INSTANCE && enterpriseId == enterprise.id();
  }

  public boolean isInstance(long instanceId) {
    return kind == Kind.INSTANCE && principalId == instanceId;
  }

  public Kind kind() {
    return kind;
  }

  public String login() {
    return login;
  }
}
