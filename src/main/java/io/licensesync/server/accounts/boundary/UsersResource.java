package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /users} (paged by {@code since} and {@code per_page}, with a {@code Link} to the next
 * page), {@code GET /users/{username}}, and the site-admin switches {@code suspended} and {@code
 * site_admin}, all as on a real Server. Emails, activity and license use are shown to site admins
 * and to the person themself only.
 */
@Tag(name = "Users")
@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject Caller caller;

  @Operation(
      operationId = "listUsers",
      summary = "List accounts",
      description = "In id order; the Link header names the next page.")
  @APIResponse(
      responseCode = "200",
      description = "A page of accounts",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AccountJson.class)))
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  public Response list(
      @QueryParam("since") @DefaultValue("0") String sinceText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    long since = QueryParameters.since(sinceText);
    int perPage = QueryParameters.perPage(perPageText);
    List<UserAccount> page = accounts.page(since, perPage);
    Instant now = StoredTime.now();
    List<AccountJson> body = page.stream().map(a -> view(a, uri, now)).toList();
    Response.ResponseBuilder response = Response.ok(body);
    if (page.size() == perPage) {
      long last = page.get(page.size() - 1).id();
      response.header("Link", new PageLinks(uri).add("next", "since", last).header());
    }
    return response.build();
  }

  @Operation(operationId = "getUser", summary = "Get an account")
  @APIResponseSchema(
      value = AccountJson.class,
      responseCode = "200",
      responseDescription = "The account")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{username}")
  public AccountJson get(@PathParam("username") String username, @Context UriInfo uri) {
    return view(accounts.get(username), uri, StoredTime.now());
  }

  /** Emails and activity only for site admins and the person themself, as on a real Server. */
  private AccountJson view(UserAccount account, UriInfo uri, Instant now) {
    AccountJson json = AccountJson.of(account, seatRules, uri.getBaseUri(), now);
    return caller.siteAdmin() || caller.accountId() == account.id()
        ? json
        : json.withoutPersonalData();
  }

  @Operation(operationId = "suspendUser", summary = "Suspend an account")
  @RequestBody(ref = "SuspensionRequest")
  @APIResponse(responseCode = "204", description = "Suspended")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  @Path("{username}/suspended")
  @SiteAdminOnly
  public Response suspend(@PathParam("username") String username, String body) {
    String reason = JsonBodies.string(JsonBodies.object(body), "User", "reason").orElse(null);
    accounts.suspend(username, reason, caller.accountId());
    return Response.noContent().build();
  }

  @Operation(operationId = "unsuspendUser", summary = "Unsuspend an account")
  @APIResponse(responseCode = "204", description = "Unsuspended")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @DELETE
  @Path("{username}/suspended")
  @SiteAdminOnly
  public Response unsuspend(@PathParam("username") String username) {
    accounts.unsuspend(username);
    return Response.noContent().build();
  }

  @Operation(operationId = "promoteUser", summary = "Promote an account to site admin")
  @APIResponse(responseCode = "204", description = "Promoted")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  @Path("{username}/site_admin")
  @SiteAdminOnly
  public Response promote(@PathParam("username") String username) {
    accounts.promote(username);
    return Response.noContent().build();
  }

  @Operation(operationId = "demoteUser", summary = "Demote a site admin")
  @APIResponse(responseCode = "204", description = "Demoted")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @DELETE
  @Path("{username}/site_admin")
  @SiteAdminOnly
  public Response demote(@PathParam("username") String username) {
    accounts.demote(username, caller.accountId());
    return Response.noContent().build();
  }
}
