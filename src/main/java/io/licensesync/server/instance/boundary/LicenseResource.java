package io.licensesync.server.instance.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.instance.control.ServerLicense;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /enterprise/settings/license}: seats, seats used under the seat rules, expiry. */
@Path("enterprise/settings/license")
@Produces(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class LicenseResource {

  @Inject ServerLicense license;
  @Inject Accounts accounts;

  @GET
  public ServerLicense.LicenseInformation get() {
    return license.information(accounts.seatsUsed(), StoredTime.now());
  }
}
