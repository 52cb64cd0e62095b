package io.licensesync.server.access.boundary;

import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.QueryParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's personal access tokens: {@code POST /user/tokens} (with Basic login and password, or
 * an existing token, which the new one then dies with) creates one and shows its secret once; list
 * and revoke (a revoked token takes the tokens made with it along).
 */
@Tag(name = "Tokens")
@ApplicationScoped
@Path("user/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

  @Inject Credentials credentials;
  @Inject Caller caller;

  @Operation(
      operationId = "createToken",
      summary = "Create a personal access token",
      description = "Basic login:password or a token; the secret is answered once.")
  @SecurityRequirement(name = "basic")
  @SecurityRequirement(name = "token")
  @RequestBody(ref = "TokenRequest")
  @APIResponseSchema(
      value = Credentials.IssuedToken.class,
      responseCode = "201",
      responseDescription = "The token, with its secret")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Response create(String body, @Context UriInfo uri) {
    String note = JsonBodies.requiredString(JsonBodies.object(body), "Token", "note");
    Credentials.IssuedToken issued =
        credentials.issue(caller.accountId(), note, caller.tokenId(), caller.impersonation());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(issued.id())).build())
        .entity(issued)
        .build();
  }

  @Operation(operationId = "listTokens", summary = "List your tokens")
  @APIResponse(
      responseCode = "200",
      description = "Your tokens, without their secrets",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TokenInfo.class)))
  @GET
  public List<TokenInfo> list() {
    return credentials.tokensOf(caller.accountId()).stream()
        .map(t -> new TokenInfo(t.id(), t.note(), t.createdAt(), t.lastUsedAt()))
        .toList();
  }

  @Operation(operationId = "revokeToken", summary = "Revoke one of your tokens")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    credentials.revoke(caller.accountId(), QueryParameters.id(id, "id"));
    return Response.noContent().build();
  }

  /** A token without its secret. */
  public record TokenInfo(long id, String note, Instant createdAt, Instant lastUsedAt) {}
}
