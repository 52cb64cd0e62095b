package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Member;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Only a signed-in owner of the enterprise reaches its Cloud pages; the REST API below {@code
 * /cloud/api} has its own authentication. Ownership is checked on every request.
 */
@WebFilter(filterName = "CloudPagesGate", urlPatterns = "/cloud/*")
public class CloudPagesGate extends HttpFilter {

  static final String SIGN_IN = "/cloud/sign-in.xhtml";

  @Inject CloudSession session;
  @Inject Enterprises enterprises;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/cloud/api/") || path.equals("/cloud/api") || path.equals(SIGN_IN)) {
      chain.doFilter(request, response);
      return;
    }
    boolean allowed =
        session.isSignedIn()
            && enterprises.memberById(session.memberId())
                .filter(m -> m.isOwner() && m.enterpriseId() == session.enterpriseId())
                .isPresent();
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

  static boolean owns(Member member, long enterpriseId) {
    return member.isOwner() && member.enterpriseId() == enterpriseId;
  }
}
