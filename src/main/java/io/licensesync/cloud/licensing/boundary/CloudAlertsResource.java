package io.licensesync.cloud.licensing.boundary;

import io.licensesync.alerts.AlertJson;
import io.licensesync.cloud.access.CloudCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code alerts}: the enterprise's open alerts (seats near or past purchased, instances overdue or
 * failing), oldest first. Owners only; anyone else gets 404.
 */
@Path("enterprises/{enterprise}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class CloudAlertsResource {

  @Inject CloudAlerts alerts;
  @Inject CloudCaller caller;

  @GET
  public List<AlertJson> open(@PathParam("enterprise") String slug) {
    return alerts.open(caller.requireOwnerOf(slug)).stream().map(AlertJson::of).toList();
  }
}
