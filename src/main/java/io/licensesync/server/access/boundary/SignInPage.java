package io.licensesync.server.access.boundary;

import io.licensesync.input.TextRules;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.web.PageMessages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The Server's sign-in and sign-out: site admins only, with login and password. */
@Named
@RequestScoped
public class SignInPage {

  @Inject Credentials credentials;
  @Inject ServerSession session;

  private String login;
  private String password;

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
    Optional<UserAccount> account = credentials.byPassword(login.strip(), password == null ? new char[0] : password.toCharArray());
    if (account.isEmpty()) {
      PageMessages.error("signIn:password", "Incorrect login or password.");
      return null;
    }
    if (!account.get().siteAdmin()) {
      PageMessages.error("signIn:login", "Only site administrators can use these pages.");
      return null;
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest()).changeSessionId();
    session.signIn(account.get().id(), account.get().login());
    return "/server/license.xhtml?faces-redirect=true";
  }

  public String signOut() {
    FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
    return "/server/sign-in.xhtml?faces-redirect=true";
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
