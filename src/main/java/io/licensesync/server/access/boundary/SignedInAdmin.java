package io.licensesync.server.access.boundary;

import io.licensesync.server.accounts.boundary.Accounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Whether this request comes from a signed-in site admin who is still a site admin and not
 * suspended, read once per request: the pages gate asks it, and so does every page action ({@link
 * AdminPageAction}), so a page bean never trusts that the gate ran.
 */
@RequestScoped
public class SignedInAdmin {

  @Inject ServerSession session;
  @Inject Accounts accounts;

  private Boolean allowed;

  public boolean isAllowed() {
    if (allowed == null) {
      allowed =
          session.isSignedIn()
              && accounts
                  .findById(session.accountId())
                  .filter(a -> a.siteAdmin() && !a.suspended())
                  .isPresent();
    }
    return allowed;
  }
}
