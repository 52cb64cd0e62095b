package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.entity.UserAccount;
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

/**
 * {@code GET /users} (paged by {@code since} and {@code per_page}, with a {@code Link} to the next
 * page), {@code GET /users/{username}}, and the site-admin switches {@code suspended} and {@code
 * site_admin}, all as on a real Server. Emails, activity and license use are shown to site admins
 * and to the person themself only.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

  @Inject Accounts accounts;
  @Inject SeatRules seatRules;
  @Inject Caller caller;

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

  @PUT
  @Path("{username}/suspended")
  @SiteAdminOnly
  public Response suspend(@PathParam("username") String username, String body) {
    String reason = JsonBodies.string(JsonBodies.object(body), "User", "reason").orElse(null);
    accounts.suspend(username, reason, caller.accountId());
    return Response.noContent().build();
  }

  @DELETE
  @Path("{username}/suspended")
  @SiteAdminOnly
  public Response unsuspend(@PathParam("username") String username) {
    accounts.unsuspend(username);
    return Response.noContent().build();
  }

  @PUT
  @Path("{username}/site_admin")
  @SiteAdminOnly
  public Response promote(@PathParam("username") String username) {
    accounts.promote(username);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{username}/site_admin")
  @SiteAdminOnly
  public Response demote(@PathParam("username") String username) {
    accounts.demote(username, caller.accountId());
    return Response.noContent().build();
  }
}
