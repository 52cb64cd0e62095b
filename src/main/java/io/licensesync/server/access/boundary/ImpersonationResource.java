package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The real Server's impersonation tokens: a site admin creates ({@code POST}) or removes ({@code
 * DELETE}) a token acting as another account, {@code /admin/users/{username}/authorizations}. Its
 * use is never the person's own activity; it dies with the admin's token that made it, and removing
 * it removes the tokens made with it.
 */
@Tag(name = "Tokens")
@ApplicationScoped
@Path("admin/users/{username}/authorizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class ImpersonationResource {

  static final String NOTE = "impersonation token";

  @Inject Accounts accounts;
  @Inject Credentials credentials;
  @Inject Caller caller;

  @Operation(
      operationId = "createImpersonationToken",
      summary = "Create an impersonation token",
      description = "GitHub's endpoint; a suspended account gets none.")
  @RequestBody(ref = "ImpersonationRequest")
  @APIResponseSchema(
      value = Authorization.class,
      responseCode = "201",
      responseDescription = "The token, with its secret")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Response create(
      @PathParam("username") String username, String body, @Context UriInfo uri) {
    UserAccount account = accounts.get(username);
    if (account.suspended()) {
      throw ApiException.invalid(
          "Authorization", "username", "invalid", "a suspended account cannot get a token");
    }
    Credentials.IssuedToken issued =
        credentials.issue(
            account.id(), NOTE + " (created by " + caller.login() + ")", caller.tokenId(), true);
    Authorization answer =
        new Authorization(
            issued.id(),
            issued.token(),
            issued.token().substring(issued.token().length() - 8),
            List.of(),
            issued.note(),
            issued.createdAt());
    return Response.created(uri.getAbsolutePath()).entity(answer).build();
  }

  @Operation(operationId = "deleteImpersonationToken", summary = "Revoke the impersonation token")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @DELETE
  public Response delete(@PathParam("username") String username) {
    credentials.revokeImpersonation(accounts.get(username).id());
    return Response.noContent().build();
  }

  /** The answer GitHub gives for an impersonation token (the fields a client reads). */
  public record Authorization(
      long id,
      String token,
      String tokenLastEight,
      List<String> scopes,
      String note,
      Instant createdAt) {}
}
