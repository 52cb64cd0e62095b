package io.licensesync.cloud.access;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/** The enterprise owner signed in to the Cloud pages, and the enterprise they own. */
@Named
@SessionScoped
public class CloudSession implements Serializable {

  private static final long serialVersionUID = 1L;

  private Long memberId;
  private Long enterpriseId;
  private String enterprise;
  private String login;

  void signIn(long memberId, long enterpriseId, String enterprise, String login) {
    this.memberId = memberId;
    this.enterpriseId = enterpriseId;
    this.enterprise = enterprise;
    this.login = login;
  }

  /** Forgets who was signed in to these pages; the other role's pages keep their own sign-in. */
  public void signOut() {
    memberId = null;
    enterpriseId = null;
    enterprise = null;
    login = null;
  }

  public boolean isSignedIn() {
    return memberId != null;
  }

  public Long memberId() {
    return memberId;
  }

  public Long enterpriseId() {
    return enterpriseId;
  }

  public String getEnterprise() {
    return enterprise;
  }

  public String getLogin() {
    return login;
  }
}
