package io.licensesync.server.connect.control;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.File;

/**
 * The Cloud role's API as this Server uses it, for the MicroProfile REST client; built per
 * connection by {@link CloudGateway} (the Cloud's URL is data, not configuration). Every method
 * answers the raw response, which {@link CloudAnswer} judges: a status, a content type and a body
 * are checked before anything in them is trusted.
 */
@Path("enterprises/{enterprise}")
@Produces(MediaType.APPLICATION_JSON)
public interface CloudApiClient {

  /** Readable only by an owner of the enterprise: proof of ownership. */
  @GET
  Response enterprise(
      @PathParam("enterprise") String enterprise,
      @HeaderParam("Authorization") String authorization);

  @POST
  @Path("server-instances")
  @Consumes(MediaType.APPLICATION_JSON)
  Response connect(
      @PathParam("enterprise") String enterprise,
      @HeaderParam("Authorization") String authorization,
      JsonObject instance);

  @DELETE
  @Path("server-instances/{serverId}")
  Response disconnect(
      @PathParam("enterprise") String enterprise,
      @PathParam("serverId") String serverId,
      @HeaderParam("Authorization") String authorization);

  @PUT
  @Path("server-instances/{serverId}/license-usage-uploads/{uploadId}")
  @Consumes(MediaType.APPLICATION_JSON)
  Response upload(
      @PathParam("enterprise") String enterprise,
      @PathParam("serverId") String serverId,
      @PathParam("uploadId") String uploadId,
      @HeaderParam("Authorization") String authorization,
      File document);

  /** The enterprise's public key for license usage files; readable by a connected instance. */
  @GET
  @Path("license-usage-key")
  Response usageKey(
      @PathParam("enterprise") String enterprise,
      @HeaderParam("Authorization") String authorization);
}
