package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.accounts.control.SeatRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /user}: the authenticated account, as scripts use it to check a token. */
@Tag(name = "Users")
@ApplicationScoped
@Path("user")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject Caller caller;

  @Operation(operationId = "getAuthenticatedUser", summary = "The authenticated account")
  @APIResponseSchema(
      value = AccountJson.class,
      responseCode = "200",
      responseDescription = "The account")
  @GET
  public AccountJson get(@Context UriInfo uri) {
    return AccountJson.of(
        accounts.get(caller.login()), seatRules, uri.getBaseUri(), StoredTime.now());
  }
}
