package io.licensesync.server.access.boundary;

import io.licensesync.server.accounts.boundary.Accounts;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Only signed-in site admins reach the Server pages: anyone else is sent to the sign-in page. The
 * account is checked on every request, so a demoted or suspended admin loses access at once.
 */
@WebFilter(filterName = "ServerPagesGate", urlPatterns = "/server/*")
public class ServerPagesGate extends HttpFilter {

  static final String SIGN_IN = "/server/sign-in.xhtml";

  @Inject ServerSession session;
  @Inject Accounts accounts;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(SIGN_IN) || path.startsWith("/server/jakarta.faces.resource/")) {
      chain.doFilter(request, response);
      return;
    }
    boolean allowed =
        session.isSignedIn()
            && accounts.findById(session.accountId()).filter(a -> a.siteAdmin() && !a.suspended()).isPresent();
    if (!allowed) {
      if (session.isSignedIn()) {
        request.getSession().invalidate();
      }
      response.sendRedirect(request.getContextPath() + SIGN_IN);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
