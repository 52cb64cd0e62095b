package io.licensesync.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * What a page action does for a caller who may not run it: 403, nothing run, the rest of the
 * request skipped.
 */
public final class PageActions {

  private static final Logger LOG = Logger.getLogger(PageActions.class.getName());

  private PageActions() {}

  public static Object refuse(InvocationContext call) throws IOException {
    LOG.warning(
        () ->
            "Refused page action "
                + call.getMethod().getDeclaringClass().getSimpleName()
                + "."
                + call.getMethod().getName()
                + ": the caller is not signed in with the role it needs");
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null) {
      ExternalContext external = faces.getExternalContext();
      if (!external.isResponseCommitted()) {
        external.responseSendError(403, "Forbidden");
      }
      faces.responseComplete();
    }
    return null;
  }
}
