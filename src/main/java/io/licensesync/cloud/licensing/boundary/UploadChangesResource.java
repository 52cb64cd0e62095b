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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code upload-changes}: what each recent applied upload (a sync or an added file) changed on its
 * instance — accounts newly consuming, no longer consuming, newly matched to a member, no longer
 * matched — newest first, of all instances or of one ({@code server_id}). Owners only; anyone else
 * gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/upload-changes")
@Produces(MediaType.APPLICATION_JSON)
public class UploadChangesResource {

  @Inject UploadChangeLog log;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "listUploadChanges",
      summary = "What each applied upload changed on its instance")
  @APIResponse(
      responseCode = "200",
      description = "Newest first",
      content =
          @Content(
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = UploadChangeLog.UploadChange.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public List<UploadChangeLog.UploadChange> changes(
      @PathParam("enterprise") String slug,
      @Parameter(description = "Only this instance's uploads") @QueryParam("server_id")
          String serverId,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    return log.page(
        enterprise.id(),
        serverId,
        QueryParameters.page(pageText),
        QueryParameters.perPage(perPageText));
  }
}
