package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.input.TextRules;
import io.licensesync.web.PageMessages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Sign-in for enterprise owners on the Cloud pages: the enterprise and an owner's personal access token. */
@Named
@RequestScoped
public class CloudSignInPage {

  @Inject Enterprises enterprises;
  @Inject CloudSession session;

  private String enterprise;
  private String token;

  public String signIn() {
    boolean fits = PageMessages.fits("cloudSignIn:enterprise", "enterprise", enterprise, TextRules.SLUG);
    fits &= PageMessages.fits("cloudSignIn:token", "token", token, TextRules.SHORT);
    if (!fits) {
      return null;
    }
    Optional<Enterprise> found = enterprise == null ? Optional.empty() : enterprises.find(enterprise.strip());
    Optional<Member> member = token == null || token.isBlank() ? Optional.empty() : enterprises.byToken(token.strip());
    if (found.isEmpty() || member.isEmpty() || !CloudPagesGate.owns(member.get(), found.get().id())) {
      PageMessages.error("cloudSignIn:token", "This token does not belong to an owner of that enterprise.");
      return null;
    }
    ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).changeSessionId();
    session.signIn(member.get().id(), found.get().id(), found.get().slug(), member.get().login());
    return "/cloud/licensing.xhtml?faces-redirect=true";
  }

  public String signOut() {
    FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
    return "/cloud/sign-in.xhtml?faces-redirect=true";
  }

  public String getEnterprise() {
    return enterprise;
  }

  public void setEnterprise(String enterprise) {
    this.enterprise = enterprise;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }
}
