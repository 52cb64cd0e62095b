package io.licensesync.server.access.boundary;

import io.licensesync.web.DispatchedPath;
import io.licensesync.web.PagesGate;
import jakarta.inject.Inject;

/**
 * Only signed-in site admins reach the Server pages: anyone else is sent to the sign-in page.
 * Mapped to every request in {@code web.xml}; whether a request is for a Server page is decided on
 * the path the container dispatched it to, without regard to case, so no spelling of a URL gets
 * past it. The account is checked on every request, so a demoted or suspended admin loses access at
 * once; page actions check again ({@link AdminPageAction}).
 */
public class ServerPagesGate extends PagesGate {

  private static final long serialVersionUID = 1L;

  static final String SIGN_IN = "/server/sign-in.xhtml";
  static final String PAGES = "/server";

  @Inject ServerSession session;
  @Inject SignedInAdmin signedIn;

  @Override
  protected boolean guards(String path) {
    return DispatchedPath.isUnder(path, PAGES);
  }

  @Override
  protected String signInPage() {
    return SIGN_IN;
  }

  @Override
  protected boolean allowed() {
    return signedIn.isAllowed();
  }

  @Override
  protected void signOutIfSignedIn() {
    if (session.isSignedIn()) {
      session.signOut();
    }
  }
}
