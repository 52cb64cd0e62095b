package io.licensesync.cloud.access;

import io.licensesync.signin.IdleSession;
import io.licensesync.signin.IdleTimeout;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;

/**
 * The enterprise owner signed in to the Cloud pages, and the enterprise they own. It lives in the
 * HTTP session next to the Server role's sign-in and ends on its own: signing out of the Cloud
 * leaves a Server sign-in alone, and it expires after the idle timeout however busy the other role
 * is.
 */
@Named
@SessionScoped
public class CloudSession implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject IdleTimeout idleTimeout;

  private Long memberId;
  private Long enterpriseId;
  private String enterprise;
  private String login;
  private final IdleSession idle = new IdleSession();

  void signIn(long memberId, long enterpriseId, String enterprise, String login) {
    this.memberId = memberId;
    this.enterpriseId = enterpriseId;
    this.enterprise = enterprise;
    this.login = login;
    idle.start(Instant.now());
  }

  /** Forgets who was signed in to these pages; the other role's pages keep their own sign-in. */
  public void signOut() {
    forget();
    idle.end();
  }

  /** True while signed in and not idle for longer than the timeout; each call counts as a use. */
  public boolean isSignedIn() {
    if (memberId == null) {
      return false;
    }
    if (idle.stillActive(Instant.now(), idleTimeout.duration())) {
      return true;
    }
    forget();
    return false;
  }

  /** Whether this sign-in expired since last asked (the sign-in page says so once). */
  boolean takeExpired() {
    return idle.takeExpired();
  }

  private void forget() {
    memberId = null;
    enterpriseId = null;
    enterprise = null;
    login = null;
  }

  public Long memberId() {
    return memberId;
  }

  public Long enterpriseId() {
    return enterpriseId;
  }

  public String getEnterprise() {
    return enterprise;
  }

  public String getLogin() {
    return login;
  }
}
