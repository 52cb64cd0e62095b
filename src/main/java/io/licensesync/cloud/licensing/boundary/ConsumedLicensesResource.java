package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.control.ConsumedLicensesCsv;
import io.licensesync.cloud.licensing.entity.ConsumedLicenseJson;
import io.licensesync.rest.JsonConfiguration;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /enterprises/{enterprise}/consumed-licenses} exactly as the real API (page and
 * per_page, at most 100, a {@code Link} header with next, prev, first and last), and the same rows
 * as a streamed CSV report.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/consumed-licenses")
public class ConsumedLicensesResource {

  @Inject Licensing licensing;
  @Inject ConsumedLicenseHeads heads;
  @Inject ConsumedLicensePages pages;
  @Inject CloudCaller caller;

  /** Revalidated on every use, kept by the caller only: the page is one enterprise's data. */
  private static final CacheControl PRIVATE = CacheControl.valueOf("private, no-cache");

  private Enterprise owned(String slug) {
    return caller.requireOwnerOf(slug);
  }

  @Operation(
      operationId = "getConsumedLicenses",
      summary = "Consumed licenses",
      description = "GitHub's endpoint: each person once; paged with a Link header.")
  @APIResponseSchema(
      value = ConsumedLicenseJson.Page.class,
      responseCode = "200",
      responseDescription = "A page of people")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response page(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri,
      @Context Request request) {
    Enterprise enterprise = owned(slug);
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    ConsumedLicenseHeads.Head head = heads.head(enterprise.id());
    long total = head.total();
    long purchased = enterprise.seatsPurchased();
    // the page changes only with a rematch (a new version) or the purchased seats
    EntityTag tag =
        new EntityTag(
            "cl-"
                + enterprise.id()
                + "-"
                + head.version()
                + "-"
                + total
                + "-"
                + purchased
                + "-"
                + page
                + "-"
                + perPage);
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
    if (unchanged != null) {
      return unchanged.tag(tag).cacheControl(PRIVATE).build();
    }
    byte[] body =
        pages.body(
            new ConsumedLicensePages.Key(
                enterprise.id(), head.version(), total, purchased, page, perPage),
            () -> {
              long from = (long) (page - 1) * perPage;
              List<ConsumedLicenseJson> users =
                  from >= total
                      ? List.of()
                      : licensing
                          .rows(enterprise.id(), (int) from, (int) Math.min(total, from + perPage))
                          .stream()
                          .map(ConsumedLicenseJson::of)
                          .toList();
              return JsonConfiguration.utf8(new ConsumedLicenseJson.Page(total, purchased, users));
            });
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .header("Link", PageLinks.numbered(uri, page, perPage, total))
        .tag(tag)
        .cacheControl(PRIVATE)
        .build();
  }

  @Operation(operationId = "getConsumedLicensesReport", summary = "Consumed licenses as CSV")
  @APIResponse(
      responseCode = "200",
      description = "The streamed report",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("report")
  @Produces("text/csv")
  public Response report(@PathParam("enterprise") String slug) {
    Enterprise enterprise = owned(slug);
    long enterpriseId = enterprise.id();
    StreamingOutput csv =
        out ->
            ConsumedLicensesCsv.write(
                (after, limit, row) -> licensing.csvPage(enterpriseId, after, limit, row), out);
    String file = ConsumedLicensesCsv.fileName(enterprise.slug(), LocalDate.now(ZoneOffset.UTC));
    return Response.ok(csv, "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }
}
