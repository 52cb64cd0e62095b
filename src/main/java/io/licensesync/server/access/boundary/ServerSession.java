package io.licensesync.server.access.boundary;

import io.licensesync.signin.IdleSession;
import io.licensesync.signin.IdleTimeout;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;

/**
 * The site admin signed in to the Server pages (form login; REST keeps tokens). It lives in the
 * HTTP session next to the Cloud role's sign-in and ends on its own: signing out of the Server
 * leaves a Cloud sign-in alone, and it expires after the idle timeout however busy the other role
 * is.
 */
@Named
@SessionScoped
public class ServerSession implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject IdleTimeout idleTimeout;

  private Long accountId;
  private String login;
  private final IdleSession idle = new IdleSession();

  void signIn(long accountId, String login) {
    this.accountId = accountId;
    this.login = login;
    idle.start(Instant.now());
  }

  /** Forgets who was signed in to these pages; the other role's pages keep their own sign-in. */
  public void signOut() {
    accountId = null;
    login = null;
    idle.end();
  }

  /** True while signed in and not idle for longer than the timeout; each call counts as a use. */
  public boolean isSignedIn() {
    if (accountId == null) {
      return false;
    }
    if (idle.stillActive(Instant.now(), idleTimeout.duration())) {
      return true;
    }
    accountId = null;
    login = null;
    return false;
  }

  /** Whether this sign-in expired since last asked (the sign-in page says so once). */
  boolean takeExpired() {
    return idle.takeExpired();
  }

  public Long accountId() {
    return accountId;
  }

  public String getLogin() {
    return login;
  }
}
