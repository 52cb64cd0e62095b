package io.licensesync.server.access.boundary;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated account behind the current request, set by {@link Authentication}. */
@RequestScoped
public class Caller {

  private long accountId;
  private String login;
  private boolean siteAdmin;
  private boolean authenticated;

  void authenticate(long accountId, String login, boolean siteAdmin) {
    this.accountId = accountId;
    this.login = login;
    this.siteAdmin = siteAdmin;
    this.authenticated = true;
  }

  public boolean authenticated() {
    return authenticated;
  }

  public long accountId() {
    return accountId;
  }

  public String login() {
    return login;
  }

  public boolean siteAdmin() {
    return siteAdmin;
  }
}
