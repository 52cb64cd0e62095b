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
 * Why each seat counts, for an enterprise's owners: {@code people} (paged like consumed licenses,
 * filtered by {@code source} and {@code q}) and one person with the emails compared and the owner's
 * decisions. Anyone but an owner of the enterprise gets 404, as on the real API.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "listPeople",
      summary = "Why each person counts",
      description = "Paged with a Link header.")
  @APIResponseSchema(
      value = PeopleJson.People.class,
      responseCode = "200",
      responseDescription = "A page of people")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response people(
      @PathParam("enterprise") String slug,
      @QueryParam("source") String source,
      @QueryParam("q") String q,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    People.Source filter = People.Source.of(source);
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    PeopleJson.People found = people.page(enterprise, filter, q, page, perPage);
    return Response.ok(found)
        .header("Link", PageLinks.numbered(uri, page, perPage, found.totalCount()))
        .build();
  }

  @Operation(operationId = "getPerson", summary = "One person, with the emails compared")
  @APIResponseSchema(
      value = PeopleJson.Person.class,
      responseCode = "200",
      responseDescription = "The person")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{id}")
  public PeopleJson.Person person(
      @PathParam("enterprise") String slug, @PathParam("id") String id) {
    return people.person(caller.requireOwnerOf(slug), id);
  }
}
