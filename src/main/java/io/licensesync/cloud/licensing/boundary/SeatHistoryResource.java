package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code seat-history?from=&to=}: the enterprise's seats day by day (JSON, or CSV with {@code
 * Accept: text/csv}), for charts and spreadsheets. Owners only; anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/seat-history")
public class SeatHistoryResource {

  @Inject SeatHistory history;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "getSeatHistory",
      summary = "Seats per day",
      description = "JSON, or CSV with Accept: text/csv.")
  @APIResponse(
      responseCode = "200",
      description = "The days",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = SeatHistory.Range.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SeatHistory.Range json(
      @PathParam("enterprise") String slug,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    return history.range(enterprise.id(), from, to);
  }

  @Operation(
      operationId = "getSeatHistory",
      summary = "Seats per day",
      description = "JSON, or CSV with Accept: text/csv.")
  @APIResponse(
      responseCode = "200",
      description = "The days",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = SeatHistory.Range.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  @Produces("text/csv")
  public Response csv(
      @PathParam("enterprise") String slug,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    SeatHistory.Range range = history.range(enterprise.id(), from, to);
    return Response.ok(SeatHistory.csv(range), "text/csv; charset=utf-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + SeatHistory.fileName(enterprise.slug(), range) + "\"")
        .build();
  }
}
