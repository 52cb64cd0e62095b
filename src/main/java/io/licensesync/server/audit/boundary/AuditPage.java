package io.licensesync.server.audit.boundary;

import io.licensesync.server.audit.entity.AuditEvent;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The Audit page: the audit trail newest first, 25 a page, read through {@link Audit} as the REST
 * API does.
 */
@Named
@RequestScoped
public class AuditPage {

  static final int PER_PAGE = 25;

  @Inject Audit audit;

  private String page;
  private Long total;
  private Pager pager;
  private List<AuditEvent> events;

  /** The page asked for in the address ({@code ?page=2}). */
  @PostConstruct
  void readPage() {
    page =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("page");
  }

  public List<AuditEvent> getEvents() {
    if (events == null) {
      events = audit.page(getPager().offset(), PER_PAGE);
    }
    return events;
  }

  public long getTotal() {
    if (total == null) {
      total = audit.count();
    }
    return total;
  }

  /** Which page of the trail this is, and whether there are others. */
  public Pager getPager() {
    if (pager == null) {
      pager = Pager.of(page, getTotal(), PER_PAGE);
    }
    return pager;
  }
}
