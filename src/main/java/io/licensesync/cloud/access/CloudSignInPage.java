package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.input.TextRules;
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
import java.util.logging.Logger;

/**
 * Sign-in for enterprise owners on the Cloud pages: the enterprise and an owner's personal access
 * token, throttled after repeated failures for the enterprise or from the address. After signing in
 * it returns to the page asked for ({@code ?return=/cloud/…}), else to Enterprise licensing;
 * signing out ends only the Cloud sign-in.
 */
@Named
@RequestScoped
public class CloudSignInPage {

  private static final Logger LOG = Logger.getLogger(CloudSignInPage.class.getName());

  static final String PAGES = "/cloud/";

  @Inject Enterprises enterprises;
  @Inject CloudSession session;
  @Inject SignInThrottle throttle;
  @Inject IdleTimeout idleTimeout;

  private String enterprise;
  private String token;
  private boolean sessionExpired;

  @PostConstruct
  void noticeExpiry() {
    sessionExpired = session.takeExpired() | SignInPages.sentHereExpired();
  }

  public String signIn() {
    boolean fits =
        PageMessages.fits("cloudSignIn:enterprise", "enterprise", enterprise, TextRules.SLUG);
    fits &= PageMessages.fits("cloudSignIn:token", "token", token, TextRules.SHORT);
    if (!fits) {
      return null;
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String slug = enterprise == null ? "" : enterprise.strip();
    String named = slug.length() > 100 ? slug.substring(0, 100) : slug;
    String enterpriseKey = SignInThrottle.cloudEnterprise(named);
    String addressKey = SignInThrottle.address(request.getRemoteAddr());
    try {
      throttle.check(enterpriseKey, addressKey);
    } catch (SignInThrottle.Blocked blocked) {
      SignInPages.refuse(blocked);
      return null;
    }
    Optional<Enterprise> found = slug.isEmpty() ? Optional.empty() : enterprises.find(slug);
    Optional<Member> member =
        token == null || token.isBlank() ? Optional.empty() : enterprises.byToken(token.strip());
    if (found.isEmpty()
        || member.isEmpty()
        || !CloudPagesGate.owns(member.get(), found.get().id())) {
      throttle.failed(enterpriseKey, addressKey);
      LOG.info(
          () ->
              "Cloud sign-in refused for enterprise '"
                  + SignInThrottle.loggable(named)
                  + "' from "
                  + request.getRemoteAddr());
      PageMessages.error(
          "cloudSignIn:token", "This token does not belong to an owner of that enterprise.");
      return null;
    }
    throttle.succeeded(enterpriseKey);
    request.changeSessionId();
    idleTimeout.keepLongEnough(request.getSession());
    session.signIn(member.get().id(), found.get().id(), found.get().slug(), member.get().login());
    if (SignInPages.returnToPageAskedFor(PAGES)) {
      return null;
    }
    return "/cloud/licensing.xhtml?faces-redirect=true";
  }

  public String signOut() {
    session.signOut();
    return "/cloud/sign-in.xhtml?faces-redirect=true";
  }

  /**
   * True when the Cloud sign-in just expired (idle too long, or the session ended): the page says
   * so.
   */
  public boolean isSessionExpired() {
    return sessionExpired;
  }

  public String getExpiredMessage() {
    return IdleTimeout.MESSAGE;
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
