package io.licensesync.server.access.boundary;

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
 * Only signed-in site admins reach the Server pages: anyone else is sent to the sign-in page.
 * Mapped to every request in {@code web.xml}; whether a request is for a Server page is decided on
 * the path the container dispatched it to, without regard to case, so no spelling of a URL gets
 * past it. The account is checked on every request, so a demoted or suspended admin loses access at
 * once; page actions check again ({@link AdminPageAction}).
 */
public class ServerPagesGate extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String SIGN_IN = "/server/sign-in.xhtml";
  static final String PAGES = "/server";

  @Inject ServerSession session;
  @Inject SignedInAdmin signedIn;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = DispatchedPath.of(request);
    if (!DispatchedPath.isUnder(path, PAGES)) {
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
}
