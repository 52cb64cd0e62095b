package io.licensesync.server.audit.boundary;

import io.licensesync.audit.AuditEventJson;
import io.licensesync.audit.AuditFilter;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.rest.ReportFormat;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/audit-events?actor&action&after&before&page&per_page}: the audit trail, newest
 * first, filtered; as CSV (the whole filtered trail, streamed) with {@code Accept: text/csv} or
 * {@code ?format=csv}.
 */
@Tag(name = "Audit")
@ApplicationScoped
@Path("admin/audit-events")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@SiteAdminOnly
public class AuditResource {

  @Inject Audit audit;
  @Inject AuditCsv csv;

  @Operation(
      operationId = "listAuditEvents",
      summary = "The Server's audit trail",
      description = "Newest first; JSON by page, or the whole filtered trail as CSV.")
  @APIResponse(
      responseCode = "200",
      description = "The events",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventJson.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response list(
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    boolean asCsv = ReportFormat.csv(format, headers);
    AuditFilter filter = AuditFilter.parse(actor, action, after, before);
    if (asCsv) {
      StreamingOutput body = out -> csv.write(filter, out);
      return Response.ok(body, ReportFormat.CSV)
          .header(
              "Content-Disposition",
              "attachment; filename=\"" + AuditCsv.fileName(LocalDate.now(ZoneOffset.UTC)) + "\"")
          .build();
    }
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    List<AuditEventJson> events =
        audit.page(filter, (page - 1) * perPage, perPage).stream().map(AuditEventJson::of).toList();
    return Response.ok(events, MediaType.APPLICATION_JSON_TYPE)
        .header("Link", PageLinks.numbered(uri, page, perPage, audit.count(filter)))
        .build();
  }
}
