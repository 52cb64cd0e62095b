package io.licensesync.cloud.access;

import io.licensesync.web.DispatchedPath;
import io.licensesync.web.SignInRedirect;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Only a signed-in owner of the enterprise reaches its Cloud pages; the REST API below {@code
 * /cloud/api} has its own authentication. Mapped to every request in {@code web.xml}; whether a
 * request is for a Cloud page is decided on the path the container dispatched it to, without regard
 * to case. Ownership is checked on every request; page actions check again ({@link
 * OwnerPageAction}).
 */
public class CloudPagesGate extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String SIGN_IN = "/cloud/sign-in.xhtml";
  static final String PAGES = "/cloud";
  static final String API = "/cloud/api";

  @Inject CloudSession session;
  @Inject SignedInOwner signedIn;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = DispatchedPath.of(request);
    if (!DispatchedPath.isUnder(path, PAGES) || DispatchedPath.isUnder(path, API)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    if (path.equals(SIGN_IN)) {
      chain.doFilter(request, response);
      return;
    }
    if (!signedIn.isAllowed()) {
      if (session.isSignedIn()) {
        session.signOut();
      }
      SignInRedirect.send(request, response, SIGN_IN);
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean owns(io.licensesync.cloud.enterprises.entity.Member member, long enterpriseId) {
    return member.isOwner() && member.enterpriseId() == enterpriseId;
  }
}
