package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code license-summary}: the enterprise's seats split by where people count (Cloud only, Server
 * only, both) and, per connected instance, its accounts, the people with an account there and those
 * who count only because of it. Owners only; anyone else gets 404.
 */
@Path("enterprises/{enterprise}/license-summary")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseSummaryResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @GET
  public PeopleJson.Summary summary(@PathParam("enterprise") String slug) {
    return people.summary(caller.requireOwnerOf(slug));
  }
}
