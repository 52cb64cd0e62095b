package io.licensesync.server.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

/**
 * Who is acting in the current request, for the audit trail: the account a REST credential
 * authenticated, else the site admin signed in to the pages, else {@value #SYSTEM} (the schedule,
 * the sample data, a timer). Use cases called from both REST and pages record their actor without
 * being told it.
 */
@ApplicationScoped
public class Actor {

  /** The actor of what no person asked for. */
  public static final String SYSTEM = "(system)";

  @Inject Caller caller;
  @Inject ServerSession session;

  /** The login acting now. */
  public String login() {
    try {
      if (caller.authenticated()) {
        return caller.login();
      }
    } catch (ContextNotActiveException noRequest) {
      return SYSTEM;
    }
    try {
      String signedIn = session.isSignedIn() ? session.getLogin() : null;
      return signedIn == null ? SYSTEM : signedIn;
    } catch (ContextNotActiveException noSession) {
      return SYSTEM;
    }
  }

  /** True when the current request acts through an admin's impersonation token. */
  public boolean impersonating() {
    try {
      return caller.authenticated() && caller.impersonation();
    } catch (ContextNotActiveException noRequest) {
      return false;
    }
  }
}
