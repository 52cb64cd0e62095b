package io.licensesync.server.licensesync.boundary;

import io.licensesync.alerts.AlertJson;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v3/admin/alerts}: this Server's open alerts, oldest first. Site admins only. */
@Tag(name = "License sync")
@ApplicationScoped
@Path("admin/alerts")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class AlertsResource {

  @Inject ServerAlerts alerts;

  @Operation(operationId = "listServerAlerts", summary = "Open alerts of this Server")
  @APIResponse(
      responseCode = "200",
      description = "Open alerts, oldest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = AlertJson.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public List<AlertJson> open() {
    return alerts.open().stream().map(AlertJson::of).toList();
  }
}
