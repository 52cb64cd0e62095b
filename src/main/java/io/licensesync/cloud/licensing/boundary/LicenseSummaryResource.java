package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code license-summary}: the enterprise's seats split by where people count (Cloud only, Server
 * only, both) and, per connected instance, its accounts, the people with an account there and those
 * who count only because of it. Owners only; anyone else gets 404.
 */
@Tag(name = "Licensing")
@ApplicationScoped
@Path("enterprises/{enterprise}/license-summary")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseSummaryResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @Operation(operationId = "getLicenseSummary", summary = "Seats by source and by instance")
  @APIResponseSchema(
      value = PeopleJson.Summary.class,
      responseCode = "200",
      responseDescription = "The summary")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public PeopleJson.Summary summary(@PathParam("enterprise") String slug) {
    return people.summary(caller.requireOwnerOf(slug));
  }
}
