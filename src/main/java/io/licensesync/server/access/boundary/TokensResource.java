package io.licensesync.server.access.boundary;

import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.QueryParameters;
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

/**
 * The caller's personal access tokens: {@code POST /user/tokens} (with Basic login and password, or
 * an existing token, which the new one then dies with) creates one and shows its secret once; list
 * and revoke (a revoked token takes the tokens made with it along).
 */
@Path("user/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

  @Inject Credentials credentials;
  @Inject Caller caller;

  @POST
  public Response create(String body, @Context UriInfo uri) {
    String note = JsonBodies.requiredString(JsonBodies.object(body), "Token", "note");
    Credentials.IssuedToken issued =
        credentials.issue(caller.accountId(), note, caller.tokenId(), caller.impersonation());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(issued.id())).build())
        .entity(issued)
        .build();
  }

  @GET
  public List<TokenInfo> list() {
    return credentials.tokensOf(caller.accountId()).stream()
        .map(t -> new TokenInfo(t.id(), t.note(), t.createdAt(), t.lastUsedAt()))
        .toList();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    credentials.revoke(caller.accountId(), QueryParameters.id(id, "id"));
    return Response.noContent().build();
  }

  /** A token without its secret. */
  public record TokenInfo(long id, String note, Instant createdAt, Instant lastUsedAt) {}
}
