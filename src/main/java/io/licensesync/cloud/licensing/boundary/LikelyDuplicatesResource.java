package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code likely-duplicates}: Server accounts counted apart from a member who is probably the same
 * person, most likely first, each with its evidence (see {@link People#likelyDuplicates}). Paged
 * like consumed licenses. Owners only; anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/likely-duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class LikelyDuplicatesResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "listLikelyDuplicates",
      summary = "Likely the same person, counted twice")
  @APIResponseSchema(
      value = PeopleJson.LikelyDuplicates.class,
      responseCode = "200",
      responseDescription = "Pairs, most likely first")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response likelyDuplicates(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    PeopleJson.LikelyDuplicates found = people.likelyDuplicates(enterprise, page, perPage);
    return Response.ok(found)
        .header("Link", PageLinks.numbered(uri, page, perPage, found.totalCount()))
        .build();
  }
}
