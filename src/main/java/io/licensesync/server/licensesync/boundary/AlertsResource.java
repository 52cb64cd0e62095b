package io.licensesync.server.licensesync.boundary;

import io.licensesync.alerts.AlertJson;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v3/admin/alerts}: this Server's open alerts, oldest first. Site admins only. */
@Path("admin/alerts")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class AlertsResource {

  @Inject ServerAlerts alerts;

  @GET
  public List<AlertJson> open() {
    return alerts.open().stream().map(AlertJson::of).toList();
  }
}
