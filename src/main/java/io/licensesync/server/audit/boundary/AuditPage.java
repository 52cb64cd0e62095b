package io.licensesync.server.audit.boundary;

import io.licensesync.audit.AuditFilter;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import io.licensesync.server.audit.entity.AuditEvent;
import io.licensesync.web.Pager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Audit page: the audit trail newest first, 25 a page, filtered by actor, action and time as
 * the REST API is ({@link AuditFilter}), with the filtered trail as a CSV download. A filter that
 * cannot be read shows its message next to its field and lists nothing.
 */
@Named
@RequestScoped
public class AuditPage {

  static final int PER_PAGE = 25;
  private static final List<String> FILTERS = List.of("actor", "action", "after", "before");

  @Inject Audit audit;

  private String page;
  private final Map<String, String> typed = new HashMap<>();
  private final Map<String, String> problems = new HashMap<>();
  private AuditFilter filter;
  private Long total;
  private Pager pager;
  private List<AuditEvent> events;

  /** The page and filter asked for in the address ({@code ?actor=admin&page=2}). */
  @PostConstruct
  void readPage() {
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    page = parameters.get("page");
    FILTERS.forEach(name -> typed.put(name, parameters.get(name)));
    try {
      filter =
          AuditFilter.parse(
              typed.get("actor"), typed.get("action"), typed.get("after"), typed.get("before"));
    } catch (ApiException refused) {
      for (ErrorBody.ErrorDetail detail : refused.body().errors()) {
        problems.merge(detail.field(), capitalised(detail.message()), (a, b) -> a + " " + b);
      }
    }
  }

  private static String capitalised(String message) {
    String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }

  public List<AuditEvent> getEvents() {
    if (events == null) {
      events = filter == null ? List.of() : audit.page(filter, getPager().offset(), PER_PAGE);
    }
    return events;
  }

  public long getTotal() {
    if (total == null) {
      total = filter == null ? 0 : audit.count(filter);
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

  /** True when a filter is set and could be read. */
  public boolean isFiltered() {
    return filter != null && !filter.isEmpty();
  }

  /** True when the filter typed could not be read. */
  public boolean isFilterRefused() {
    return filter == null;
  }

  /** What was typed in each filter field, shown again. */
  public Map<String, String> getTyped() {
    return typed;
  }

  /** Why a filter field cannot be read, by field name; absent when it can. */
  public Map<String, String> getProblems() {
    return problems;
  }

  /** The query string of the filter (for the pager and the CSV link), starting with {@code ?}. */
  public String getFilterQuery() {
    Map<String, String> set = new LinkedHashMap<>();
    FILTERS.forEach(
        name -> {
          String value = typed.get(name);
          if (value != null && !value.isBlank()) {
            set.put(name, value);
          }
        });
    StringBuilder query = new StringBuilder();
    set.forEach(
        (name, value) ->
            query
                .append(query.length() == 0 ? "?" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }
}
