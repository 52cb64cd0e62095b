package io.licensesync.server.audit.boundary;

import io.licensesync.server.audit.entity.AuditEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The Audit page: the audit trail newest first, 25 a page, read through {@link Audit} as the REST API does. */
@Named
@RequestScoped
public class AuditPage {

  static final int PER_PAGE = 25;

  @Inject Audit audit;

  private String page;
  private Long total;
  private List<AuditEvent> events;

  /** The page asked for in the address ({@code ?page=2}). */
  @PostConstruct
  void readPage() {
    page = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("page");
  }

  public List<AuditEvent> getEvents() {
    if (events == null) {
      events = audit.page((getPageNumber() - 1) * PER_PAGE, PER_PAGE);
    }
    return events;
  }

  public long getTotal() {
    if (total == null) {
      total = audit.count();
    }
    return total;
  }

  public int getPageNumber() {
    int requested;
    try {
      requested = page == null ? 1 : Integer.parseInt(page.strip());
    } catch (NumberFormatException notANumber) {
      requested = 1;
    }
    return Math.max(1, Math.min(requested, getPageCount()));
  }

  public int getPageCount() {
    return (int) Math.max(1, (getTotal() + PER_PAGE - 1) / PER_PAGE);
  }

  public boolean isHasPrevious() {
    return getPageNumber() > 1;
  }

  public boolean isHasNext() {
    return getPageNumber() < getPageCount();
  }
}
