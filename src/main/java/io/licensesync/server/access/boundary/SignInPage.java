package io.licensesync.server.access.boundary;

import io.licensesync.input.TextRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.signin.IdleTimeout;
import io.licensesync.signin.SignInPages;
import io.licensesync.signin.SignInThrottle;
import io.licensesync.web.PageMessages;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The Server's sign-in and sign-out: site admins only, with login and password, throttled after
 * repeated failures. After signing in it returns to the page asked for ({@code ?return=/server/…},
 * only a path of the Server pages), else to License; signing out ends only the Server sign-in.
 */
@Named
@RequestScoped
public class SignInPage {

  static final String PAGES = "/server/";

  @Inject SignIns signIns;
  @Inject ServerSession session;
  @Inject IdleTimeout idleTimeout;

  private String login;
  private String password;
  private boolean sessionExpired;

  @PostConstruct
  void noticeExpiry() {
    sessionExpired = session.takeExpired() | SignInPages.sentHereExpired();
  }

  public String signIn() {
    if (login == null || login.isBlank()) {
      PageMessages.error("signIn:login", "Enter your login.");
      return null;
    }
    boolean fits = PageMessages.fits("signIn:login", "login", login, TextRules.LOGIN);
    fits &= PageMessages.fits("signIn:password", "password", password, TextRules.PASSWORD);
    if (!fits) {
      return null;
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    Optional<UserAccount> account;
    try {
      account =
          signIns.password(
              login.strip(),
              password == null ? new char[0] : password.toCharArray(),
              request.getRemoteAddr(),
              "the sign-in page");
    } catch (SignInThrottle.Blocked blocked) {
      SignInPages.refuse(blocked);
      return null;
    }
    if (account.isEmpty()) {
      PageMessages.error("signIn:password", "Incorrect login or password.");
      return null;
    }
    if (!account.get().siteAdmin()) {
      PageMessages.error("signIn:login", "Only site administrators can use these pages.");
      return null;
    }
    request.changeSessionId();
    idleTimeout.keepLongEnough(request.getSession());
    session.signIn(account.get().id(), account.get().login());
    if (SignInPages.returnToPageAskedFor(PAGES)) {
      return null;
    }
    return "/server/license.xhtml?faces-redirect=true";
  }

  public String signOut() {
    session.signOut();
    return "/server/sign-in.xhtml?faces-redirect=true";
  }

  /**
   * True when the Server sign-in just expired (idle too long, or the session ended): the page says
   * so.
   */
  public boolean isSessionExpired() {
    return sessionExpired;
  }

  public String getExpiredMessage() {
    return IdleTimeout.MESSAGE;
  }

  public String getLogin() {
    return login;
  }

  public void setLogin(String login) {
    this.login = login;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
