package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.rest.ReportFormat;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.control.DormantSeat;
import io.licensesync.server.accounts.control.DormantSort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/reports/dormant-seats?sort&direction&page&per_page}: the seats dormant accounts
 * consume, with last activity and days inactive, paged like the other admin lists; the whole report
 * as streamed CSV with {@code Accept: text/csv} or {@code ?format=csv}. {@code POST …/suspensions}
 * {@code {"logins":[…],"reason":"…"}} suspends a selection of them, all or nothing.
 */
@Tag(name = "License")
@ApplicationScoped
@Path("admin/reports/dormant-seats")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@SiteAdminOnly
public class DormantSeatsResource {

  @Inject DormantSeats dormantSeats;
  @Inject DormantSeatsCsv csv;

  @Operation(
      operationId = "getDormantSeats",
      summary = "Dormant accounts that consume a seat",
      description = "JSON by page, or the whole report as CSV.")
  @APIResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = ReportJson.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response report(
      @QueryParam("sort") String sortText,
      @QueryParam("direction") String direction,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    boolean asCsv = ReportFormat.csv(format, headers);
    DormantSort sort = DormantSort.parse(sortText, direction);
    Instant now = StoredTime.now();
    if (asCsv) {
      StreamingOutput body = out -> csv.write(sort, now, out);
      return Response.ok(body, ReportFormat.CSV)
          .header(
              "Content-Disposition",
              "attachment; filename=\""
                  + DormantSeatsCsv.fileName(LocalDate.now(ZoneOffset.UTC))
                  + "\"")
          .build();
    }
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    long total = dormantSeats.count(now);
    List<SeatJson> accounts =
        (long) (page - 1) * perPage >= total
            ? List.of()
            : dormantSeats.page(sort, (page - 1) * perPage, perPage, now).stream()
                .map(seat -> SeatJson.of(seat, now))
                .toList();
    return Response.ok(
            new ReportJson(
                total,
                dormantSeats.cutoff(now),
                Duration.between(dormantSeats.cutoff(now), now).toDays(),
                sort.key().parameter(),
                sort.direction(),
                accounts),
            MediaType.APPLICATION_JSON_TYPE)
        .header("Link", PageLinks.numbered(uri, page, perPage, total))
        .build();
  }

  @Operation(
      operationId = "suspendDormantSeats",
      summary = "Suspend dormant accounts",
      description = "1 to 100 logins, all or nothing.")
  @RequestBody(ref = "DormantSuspension")
  @APIResponseSchema(
      value = DormantSeats.Suspension.class,
      responseCode = "200",
      responseDescription = "Suspended; seats freed and used")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Path("suspensions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public DormantSeats.Suspension suspend(String body) {
    JsonObject json = JsonBodies.object(body);
    String reason = JsonBodies.string(json, DormantSeats.RESOURCE, "reason").orElse(null);
    return dormantSeats.suspend(logins(json.get("logins")), reason);
  }

  private static List<String> logins(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw notAList();
    }
    if (array.size() > DormantSeats.MAX_SELECTION) {
      throw ApiException.invalid(
          DormantSeats.RESOURCE,
          "logins",
          "invalid",
          "select at most " + DormantSeats.MAX_SELECTION + " accounts at a time");
    }
    List<String> logins = new ArrayList<>();
    for (JsonValue entry : array) {
      if (!(entry instanceof JsonString text)) {
        throw notAList();
      }
      logins.add(text.getString());
    }
    return logins;
  }

  private static ApiException notAList() {
    return ApiException.invalid(
        DormantSeats.RESOURCE, "logins", "invalid", "logins must be a list of logins");
  }

  /** The report: how many, the threshold it was read with, and this page of rows. */
  public record ReportJson(
      long totalCount,
      Instant inactiveSince,
      long dormancyThresholdDays,
      String sort,
      String direction,
      List<SeatJson> accounts) {}

  /** One dormant account consuming a seat. */
  public record SeatJson(long id, String login, Instant lastActiveAt, long daysInactive) {

    static SeatJson of(DormantSeat seat, Instant now) {
      return new SeatJson(seat.id(), seat.login(), seat.lastActiveAt(), seat.daysInactive(now));
    }
  }
}
