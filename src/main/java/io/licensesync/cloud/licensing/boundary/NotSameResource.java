package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.licensing.entity.ManualLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code not-same}: this Server account is not that member, whatever the emails say. Owners only;
 * anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/not-same")
@Produces(MediaType.APPLICATION_JSON)
public class NotSameResource {

  @Inject Decisions decisions;

  @Operation(operationId = "listNotSame", summary = "List the owner's refusals")
  @APIResponse(
      responseCode = "200",
      description = "Oldest first, each with whether it is stale",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = PeopleJson.Decision.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public List<PeopleJson.Decision> list(@PathParam("enterprise") String slug) {
    return decisions.list(slug, ManualLink.Kind.NOT_SAME);
  }

  @Operation(operationId = "createNotSame", summary = "Mark a Server account as not a member")
  @RequestBody(ref = "Decision")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; matching honours it at once",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PeopleJson.Decision.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    return decisions.decide(slug, ManualLink.Kind.NOT_SAME, body, uri);
  }

  @Operation(operationId = "deleteNotSame", summary = "Remove a refusal")
  @APIResponse(responseCode = "204", description = "Removed; matching follows the emails again")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("enterprise") String slug, @PathParam("id") String id) {
    return decisions.undo(slug, ManualLink.Kind.NOT_SAME, id);
  }
}
