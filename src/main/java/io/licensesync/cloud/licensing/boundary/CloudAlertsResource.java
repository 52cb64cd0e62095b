package io.licensesync.cloud.licensing.boundary;

import io.licensesync.alerts.AlertJson;
import io.licensesync.cloud.access.CloudCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code alerts}: the enterprise's open alerts (seats near or past purchased, instances overdue or
 * failing), oldest first. Owners only; anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class CloudAlertsResource {

  @Inject CloudAlerts alerts;
  @Inject CloudCaller caller;

  @Operation(operationId = "listEnterpriseAlerts", summary = "Open alerts of the enterprise")
  @APIResponse(
      responseCode = "200",
      description = "Open alerts, oldest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = AlertJson.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public List<AlertJson> open(@PathParam("enterprise") String slug) {
    return alerts.open(caller.requireOwnerOf(slug)).stream().map(AlertJson::of).toList();
  }
}
