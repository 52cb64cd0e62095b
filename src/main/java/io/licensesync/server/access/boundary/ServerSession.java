package io.licensesync.server.access.boundary;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** The site admin signed in to the Server pages (form login; REST keeps tokens). */
@Named
@SessionScoped
public class ServerSession implements Serializable {

  private static final long serialVersionUID = 1L;

  private Long accountId;
  private String login;

  void signIn(long accountId, String login) {
    this.accountId = accountId;
    this.login = login;
  }

  /** Forgets who was signed in to these pages; the other role's pages keep their own sign-in. */
  public void signOut() {
    accountId = null;
    login = null;
  }

  public boolean isSignedIn() {
    return accountId != null;
  }

  public Long accountId() {
    return accountId;
  }

  public String getLogin() {
    return login;
  }
}
