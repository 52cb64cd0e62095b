package io.licensesync.server.accounts.boundary;

import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.entity.UserStats;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /enterprise/stats/users}: total, admin and suspended accounts, as on a real Server.
 */
@Path("enterprise/stats")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class EnterpriseStatsResource {

  @Inject Accounts accounts;

  @GET
  @Path("users")
  public UserStats users() {
    return accounts.stats();
  }
}
