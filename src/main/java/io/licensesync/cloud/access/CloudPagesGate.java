package io.licensesync.cloud.access;

import io.licensesync.web.DispatchedPath;
import io.licensesync.web.PagesGate;
import jakarta.inject.Inject;

/**
 * Only a signed-in owner of the enterprise reaches its Cloud pages; the REST API below {@code
 * /cloud/api} has its own authentication. Mapped to every request in {@code web.xml}; whether a
 * request is for a Cloud page is decided on the path the container dispatched it to, without regard
 * to case. Ownership is checked on every request; page actions check again ({@link
 * OwnerPageAction}).
 */
public class CloudPagesGate extends PagesGate {

  private static final long serialVersionUID = 1L;

  static final String SIGN_IN = "/cloud/sign-in.xhtml";
  static final String PAGES = "/cloud";
  static final String API = "/cloud/api";

  @Inject CloudSession session;
  @Inject SignedInOwner signedIn;

  @Override
  protected boolean guards(String path) {
    return DispatchedPath.isUnder(path, PAGES) && !DispatchedPath.isUnder(path, API);
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

  static boolean owns(io.licensesync.cloud.enterprises.entity.Member member, long enterpriseId) {
    return member.isOwner() && member.enterpriseId() == enterpriseId;
  }
}
