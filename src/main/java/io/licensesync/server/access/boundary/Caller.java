package io.licensesync.server.access.boundary;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated account behind the current request, set by {@link Authentication}. */
@RequestScoped
public class Caller {

  private long accountId;
  private String login;
  private boolean siteAdmin;
  private boolean authenticated;
  private Long tokenId;
  private boolean impersonation;

  void authenticate(
      long accountId, String login, boolean siteAdmin, Long tokenId, boolean impersonation) {
    this.accountId = accountId;
    this.login = login;
    this.siteAdmin = siteAdmin;
    this.tokenId = tokenId;
    this.impersonation = impersonation;
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

  /** The token this request came with; null when it came with a password. */
  public Long tokenId() {
    return tokenId;
  }

  /** True when an admin is acting as this account with an impersonation token. */
  public boolean impersonation() {
    return impersonation;
  }
}
