package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Whether this request comes from a signed-in owner of the enterprise the session names, read once
 * per request: the pages gate asks it, and so does every page action ({@link OwnerPageAction}).
 */
@RequestScoped
public class SignedInOwner {

  @Inject CloudSession session;
  @Inject Enterprises enterprises;

  private Boolean allowed;

  public boolean isAllowed() {
    if (allowed == null) {
      allowed =
          session.isSignedIn()
              && enterprises
                  .memberById(session.memberId())
                  .filter(m -> CloudPagesGate.owns(m, session.enterpriseId()))
                  .isPresent();
    }
    return allowed;
  }
}
