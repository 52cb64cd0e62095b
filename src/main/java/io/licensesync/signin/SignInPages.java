package io.licensesync.signin;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * What both roles' sign-in pages do alike: answer a throttled attempt (the message at the top,
 * status 429 and {@code Retry-After}), notice a session that ended, and, once signed in, go back to
 * the page asked for.
 */
public final class SignInPages {

  private SignInPages() {}

  public static void refuse(SignInThrottle.Blocked blocked) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_ERROR, SignInThrottle.MESSAGE, SignInThrottle.MESSAGE));
    ExternalContext external = faces.getExternalContext();
    external.setResponseStatus(429);
    external.setResponseHeader("Retry-After", Long.toString(blocked.retryAfterSeconds()));
  }

  /**
   * True when the pages gate sent the visitor here with {@code expired=true}: the browser still
   * held a session that the server had already ended (the whole HTTP session timed out, or a
   * restart).
   */
  public static boolean sentHereExpired() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces != null
        && "true".equals(faces.getExternalContext().getRequestParameterMap().get("expired"));
  }

  /**
   * Redirects to the form's {@code return} path when it is a page under {@code prefix} ({@link
   * ReturnPath}) and says so; false when there is none to honour.
   */
  public static boolean returnToPageAskedFor(String prefix) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    Optional<String> back =
        ReturnPath.within(
            prefix, ((HttpServletRequest) external.getRequest()).getParameter("return"));
    if (back.isEmpty()) {
      return false;
    }
    try {
      external.redirect(external.getRequestContextPath() + back.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
    return true;
  }
}
