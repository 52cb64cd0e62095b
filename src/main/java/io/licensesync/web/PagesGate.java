package io.licensesync.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What every role's sign-in gate does, on the path the container dispatched a request to: its pages
 * are never cached, its sign-in page is open, and anyone the role does not allow now is signed out
 * and sent to sign in (with the page to return to). Each role says which paths are its pages, who
 * is allowed, and how its session ends.
 */
public abstract class PagesGate extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** True when {@code path} (dispatched, lower-cased) is one of this role's pages. */
  protected abstract boolean guards(String path);

  /** This role's sign-in page. */
  protected abstract String signInPage();

  /** Whether the caller may use this role's pages now (checked on every request). */
  protected abstract boolean allowed();

  /** Ends the session of a caller who is signed in but no longer allowed. */
  protected abstract void signOutIfSignedIn();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = DispatchedPath.of(request);
    if (!guards(path)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    if (path.equals(signInPage())) {
      chain.doFilter(request, response);
      return;
    }
    if (!allowed()) {
      signOutIfSignedIn();
      SignInRedirect.send(request, response, signInPage());
      return;
    }
    chain.doFilter(request, response);
  }
}
