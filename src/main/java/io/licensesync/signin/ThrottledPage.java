package io.licensesync.signin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

/** A sign-in page's answer to a blocked attempt: the message at the top, status 429 and {@code Retry-After}. */
public final class ThrottledPage {

  private ThrottledPage() {}

  public static void answer(SignInThrottle.Blocked blocked) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, SignInThrottle.MESSAGE, SignInThrottle.MESSAGE));
    ExternalContext external = faces.getExternalContext();
    external.setResponseStatus(429);
    external.setResponseHeader("Retry-After", Long.toString(blocked.retryAfterSeconds()));
  }
}
