package io.licensesync.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries an action's messages across the redirect that follows it, to the one page that redirect
 * shows, and no further: they are taken out of the session as that page is rendered, so a reload or
 * the next action shows them no more. (Faces' flash does the same through a cookie, which a large
 * page can no longer clear once its answer is under way, and then the message shows again.)
 */
public class MessagesForNextPage implements PhaseListener {

  private static final long serialVersionUID = 1L;

  static final String KEY = MessagesForNextPage.class.getName();

  /** Keeps this request's page-wide messages for the page shown after its redirect. */
  static void keep(FacesContext faces) {
    List<FacesMessage> messages = new ArrayList<>(faces.getMessageList(null));
    if (!messages.isEmpty()) {
      faces.getExternalContext().getSessionMap().put(KEY, messages);
    }
  }

  @Override
  public PhaseId getPhaseId() {
    return PhaseId.RENDER_RESPONSE;
  }

  @Override
  public void beforePhase(PhaseEvent event) {
    FacesContext faces = event.getFacesContext();
    if (faces.getPartialViewContext().isAjaxRequest()) {
      return; // a page's own refresh shows no messages: they wait for the page itself
    }
    if (faces.getExternalContext().getSession(false) == null) {
      return;
    }
    Object kept = faces.getExternalContext().getSessionMap().remove(KEY);
    if (kept instanceof List<?> messages) {
      for (Object message : messages) {
        faces.addMessage(null, (FacesMessage) message);
      }
    }
  }

  @Override
  public void afterPhase(PhaseEvent event) {
    // nothing after rendering
  }
}
