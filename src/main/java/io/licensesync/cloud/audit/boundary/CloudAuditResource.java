package io.licensesync.cloud.audit.boundary;

import io.licensesync.audit.AuditEventJson;
import io.licensesync.audit.AuditFilter;
import io.licensesync.audit.AuditTrailCsv;
import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.rest.ReportFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * {@code GET /enterprises/{enterprise}/audit-log?actor&action&after&before&page&per_page}: the
 * enterprise's audit log, newest first, for its owners only (anyone else 404, as for every
 * enterprise endpoint); as streamed CSV with {@code Accept: text/csv} or {@code ?format=csv}.
 */
@Tag(name = "Audit")
@ApplicationScoped
@Path("enterprises/{enterprise}/audit-log")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class CloudAuditResource {

  @Inject CloudAudit audit;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "listCloudAuditLog",
      summary = "The enterprise's audit log",
      description = "Newest first; JSON by page, or the whole filtered log as CSV.")
  @APIResponse(
      responseCode = "200",
      description = "The events",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventJson.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response list(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    long id = enterprise.id();
    boolean asCsv = ReportFormat.csv(format, headers);
    AuditFilter filter = AuditFilter.parse(actor, action, after, before);
    if (asCsv) {
      StreamingOutput body =
          out ->
              AuditTrailCsv.write((beforeId, n) -> audit.olderThan(id, filter, beforeId, n), out);
      return Response.ok(body, ReportFormat.CSV)
          .header(
              "Content-Disposition",
              "attachment; filename=\""
                  + enterprise.slug()
                  + "-audit-log-"
                  + LocalDate.now(ZoneOffset.UTC)
                  + ".csv\"")
          .build();
    }
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    List<AuditEventJson> events =
        audit.page(id, filter, (page - 1) * perPage, perPage).stream()
            .map(AuditEventJson::of)
            .toList();
    return Response.ok(events, MediaType.APPLICATION_JSON_TYPE)
        .header("Link", PageLinks.numbered(uri, page, perPage, audit.count(id, filter)))
        .build();
  }
}
