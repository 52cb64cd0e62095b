package io.licensesync.web;

import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Puts the outcome of a boundary call on the page: an {@link ApiException}'s message next to the
 * field it names (or at the top), a success at the top. Pages call the same boundary methods as the
 * REST API, so the refusals read the same.
 */
public final class PageMessages {

  private PageMessages() {}

  public static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, message));
  }

  /**
   * Keeps the page-wide messages of this action for the page its redirect shows next, and only for
   * that one: a reload or the next action no longer shows them.
   */
  public static void keepForNextPage() {
    MessagesForNextPage.keep(FacesContext.getCurrentInstance());
  }

  public static void error(String clientId, String message) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
  }

  /**
   * Checks text typed into a field before it is used: too long for its column or holding control
   * characters shows a message next to the field (the component {@code clientId}) and answers
   * false.
   */
  public static boolean fits(String clientId, String label, String value, int max) {
    return TextRules.problem(label, value, max)
        .map(
            problem -> {
              error(clientId, capitalise("the " + problem));
              return false;
            })
        .orElse(true);
  }

  /**
   * Shows a refusal: validation errors next to their fields ({@code fieldIds} maps API field names
   * to component ids, e.g. {@code "cloud_url=connectForm:cloudUrl"}), anything else at the top.
   */
  public static void refusal(ApiException refusal, String... fieldIds) {
    ErrorBody body = refusal.body();
    if (body.errors() != null) {
      for (ErrorBody.ErrorDetail detail : body.errors()) {
        error(fieldFor(detail.field(), fieldIds), capitalise(detail.message()));
      }
      return;
    }
    error(null, body.message());
  }

  private static String fieldFor(String field, String[] fieldIds) {
    for (String mapping : fieldIds) {
      int eq = mapping.indexOf('=');
      if (mapping.substring(0, eq).equals(field)) {
        return mapping.substring(eq + 1);
      }
    }
    return null;
  }

  private static String capitalise(String text) {
    return text == null || text.isEmpty()
        ? text
        : Character.toUpperCase(text.charAt(0))
            + text.substring(1)
            + (text.endsWith(".") ? "" : ".");
  }
}
