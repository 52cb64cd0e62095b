package io.licensesync.server.instance.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.instance.control.ServerLicense;
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

/** {@code GET /enterprise/settings/license}: seats, seats used under the seat rules, expiry. */
@Tag(name = "License")
@ApplicationScoped
@Path("enterprise/settings/license")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class LicenseResource {

  @Inject ServerLicense license;
  @Inject Accounts accounts;

  @Operation(operationId = "getLicense", summary = "The license and the seats used")
  @APIResponseSchema(
      value = ServerLicense.LicenseInformation.class,
      responseCode = "200",
      responseDescription = "Seats, seats used and available, kind, expiry")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public ServerLicense.LicenseInformation get() {
    return license.information(accounts.seatsUsed(), StoredTime.now());
  }
}
