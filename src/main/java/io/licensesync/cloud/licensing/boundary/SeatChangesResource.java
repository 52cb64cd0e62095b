package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.rest.QueryParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code seat-changes}: what each change of the enterprise did to its seats, newest first — its
 * cause (an upload applied, members provisioned, a link…), the people newly counted and no longer
 * counted, the seats before and after. Owners only; anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/seat-changes")
@Produces(MediaType.APPLICATION_JSON)
public class SeatChangesResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @Operation(operationId = "listSeatChanges", summary = "What each change did to the seats")
  @APIResponse(
      responseCode = "200",
      description = "Newest first",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = PeopleJson.SeatChange.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public List<PeopleJson.SeatChange> changes(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    return people.changes(
        enterprise.id(), QueryParameters.page(pageText), QueryParameters.perPage(perPageText));
  }
}
