package io.licensesync.server.connect.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.connect.entity.CloudConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GitHub Connect over REST: {@code PUT /admin/github-connect} {@code {"cloud_url","enterprise",
 * "token"}} connects (the token, an enterprise owner's, is used once and not kept); {@code GET}
 * shows the connection and its features (404 when not connected); {@code DELETE} disconnects. The
 * instance credential is never part of any answer.
 */
@Tag(name = "GitHub Connect")
@ApplicationScoped
@Path("admin/github-connect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class ConnectionResource {

  @Inject Connections connections;
  @Inject Caller caller;

  @Operation(operationId = "getGitHubConnect", summary = "The connection and its features")
  @APIResponseSchema(
      value = ConnectionJson.class,
      responseCode = "200",
      responseDescription = "The connection")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public ConnectionJson get() {
    return connections.current().map(ConnectionJson::of).orElseThrow(ApiException::notFound);
  }

  @Operation(
      operationId = "connectGitHubConnect",
      summary = "Connect to a Cloud enterprise",
      description = "The owner token is used once, not kept.")
  @RequestBody(ref = "Connection")
  @APIResponseSchema(
      value = ConnectionJson.class,
      responseCode = "201",
      responseDescription = "Connected")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  public Response connect(String body) {
    JsonObject json = JsonBodies.object(body);
    CloudConnection connection =
        connections.connect(
            JsonBodies.requiredString(json, "Connection", "cloud_url"),
            JsonBodies.requiredString(json, "Connection", "enterprise"),
            JsonBodies.requiredString(json, "Connection", "token"),
            caller.login());
    return Response.status(Response.Status.CREATED).entity(ConnectionJson.of(connection)).build();
  }

  /**
   * Disconnects once the Cloud has removed this instance; 502 and nothing changed when the Cloud
   * cannot be told, unless {@code force=true}, which disconnects this Server alone ({@code
   * cloud_told: false}).
   */
  @Operation(operationId = "disconnectGitHubConnect", summary = "Disconnect from the Cloud")
  @APIResponseSchema(
      value = Connections.Disconnection.class,
      responseCode = "200",
      responseDescription = "Disconnected")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @DELETE
  public Connections.Disconnection disconnect(@QueryParam("force") String force) {
    boolean alone = force != null && !force.isEmpty();
    if (alone && !"true".equals(force) && !"false".equals(force)) {
      throw ApiException.invalid("Connection", "force", "invalid", "force must be true or false");
    }
    return connections.disconnect(caller.login(), alone && "true".equals(force));
  }

  /** The connection as shown; never the credential. */
  public record ConnectionJson(
      String enterprise,
      String cloudUrl,
      Instant connectedAt,
      String connectedBy,
      List<Feature> features) {

    static ConnectionJson of(CloudConnection c) {
      return new ConnectionJson(
          c.enterprise(),
          c.cloudUrl(),
          c.connectedAt(),
          c.connectedBy(),
          List.of(
              new Feature(
                  "license_usage_sync",
                  c.licenseSyncEnabled(),
                  c.licenseSyncEnabled() ? c.licenseSyncChangedAt() : null)));
    }
  }

  /** A GitHub Connect feature, whether it is enabled and since when. */
  public record Feature(String name, boolean enabled, Instant since) {}
}
