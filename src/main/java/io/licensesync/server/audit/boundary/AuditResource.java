package io.licensesync.server.audit.boundary;

import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;

/** {@code GET /admin/audit-events?page&per_page}: the audit trail, newest first. */
@Path("admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class AuditResource {

  @Inject Audit audit;

  @GET
  public Response list(
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    List<EventJson> events =
        audit.page((page - 1) * perPage, perPage).stream()
            .map(
                e ->
                    new EventJson(
                        e.id(),
                        e.at(),
                        e.actor(),
                        e.action(),
                        e.fromValue(),
                        e.toValue(),
                        e.details()))
            .toList();
    return Response.ok(events)
        .header("Link", PageLinks.numbered(uri, page, perPage, audit.count()))
        .build();
  }

  /** One event. */
  public record EventJson(
      long id, Instant at, String actor, String action, String from, String to, String details) {}
}
