package io.licensesync.server.accounts.boundary;

import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.entity.UserStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /enterprise/stats/users}: total, admin and suspended accounts, as on a real Server.
 */
@Tag(name = "Users")
@ApplicationScoped
@Path("enterprise/stats")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class EnterpriseStatsResource {

  @Inject Accounts accounts;

  @Operation(operationId = "getUserStats", summary = "Count accounts: total, admin, suspended")
  @APIResponseSchema(
      value = UserStats.class,
      responseCode = "200",
      responseDescription = "The counts")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("users")
  public UserStats users() {
    return accounts.stats();
  }
}
