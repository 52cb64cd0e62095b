package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
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
 * Server instances of an enterprise: the connect handshake ({@code POST}, by an owner), the list,
 * disconnecting ({@code DELETE}, by an owner or the instance), and license usage uploads ({@code
 * PUT …/license-usage-uploads/{upload_id}}, by the instance with its credential). An instance shows
 * the fingerprint of the key its exported files must be signed with, once its first usage named it.
 * An upload past the size limit gets 413; any refused upload is recorded as the instance's failed
 * last sync.
 */
@Tag(name = "Server instances")
@ApplicationScoped
@Path("enterprises/{enterprise}/server-instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerInstancesResource {

  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject UsageUploads uploads;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "connectServerInstance",
      summary = "Connect a Server instance",
      description = "The handshake: answers the upload credential once; again, a new one.")
  @RequestBody(ref = "ServerInstance")
  @APIResponseSchema(
      value = InstanceJson.class,
      responseCode = "201",
      responseDescription = "Registered, with its credential")
  @APIResponse(
      responseCode = "200",
      description = "Registered again, with a new credential",
      content = @Content(schema = @Schema(implementation = InstanceJson.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Response connect(@PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    Enterprise enterprise = enterprises.require(slug);
    caller.requireOwnerOf(enterprise);
    JsonObject json = JsonBodies.object(body);
    Instances.Connection connection =
        instances.connect(
            enterprise.id(),
            JsonBodies.requiredString(json, "ServerInstance", "server_id", TextRules.SERVER_ID),
            JsonBodies.requiredString(json, "ServerInstance", "hostname", TextRules.HOSTNAME),
            JsonBodies.requiredString(json, "ServerInstance", "version", TextRules.VERSION),
            caller.login());
    InstanceJson view = InstanceJson.of(connection.instance(), enterprise, connection.credential());
    if (!connection.created()) {
      return Response.ok(view).build();
    }
    return Response.created(
            uri.getAbsolutePathBuilder().path(connection.instance().serverId()).build())
        .entity(view)
        .build();
  }

  @Operation(operationId = "listServerInstances", summary = "List connected instances")
  @APIResponse(
      responseCode = "200",
      description = "The instances",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = InstanceJson.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public List<InstanceJson> list(@PathParam("enterprise") String slug) {
    Enterprise enterprise = enterprises.require(slug);
    caller.requireOwnerOf(enterprise);
    return instances.of(enterprise.id()).stream()
        .map(i -> InstanceJson.of(i, enterprise, null))
        .toList();
  }

  @Operation(operationId = "getServerInstance", summary = "Get a connected instance")
  @APIResponseSchema(
      value = InstanceJson.class,
      responseCode = "200",
      responseDescription = "The instance")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{serverId}")
  public InstanceJson get(
      @PathParam("enterprise") String slug, @PathParam("serverId") String serverId) {
    Enterprise enterprise = enterprises.require(slug);
    ConnectedInstance instance = ownerOrItself(enterprise, serverId);
    return InstanceJson.of(instance, enterprise, null);
  }

  @Operation(
      operationId = "disconnectServerInstance",
      summary = "Disconnect an instance",
      description = "Removes its usage.")
  @APIResponse(responseCode = "204", description = "Disconnected")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @DELETE
  @Path("{serverId}")
  public Response disconnect(
      @PathParam("enterprise") String slug, @PathParam("serverId") String serverId) {
    Enterprise enterprise = enterprises.require(slug);
    ownerOrItself(enterprise, serverId);
    instances.disconnect(enterprise.id(), serverId);
    return Response.noContent().build();
  }

  @Operation(
      operationId = "uploadLicenseUsage",
      summary = "Upload license usage",
      description = "By the instance, with its credential; the same upload id again answers 200.")
  @RequestBody(ref = "LicenseUsage")
  @APIResponseSchema(
      value = UsageIntake.Receipt.class,
      responseCode = "201",
      responseDescription = "Applied")
  @APIResponse(
      responseCode = "200",
      description = "Applied already",
      content = @Content(schema = @Schema(implementation = UsageIntake.Receipt.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  @Path("{serverId}/license-usage-uploads/{uploadId}")
  public Response upload(
      @PathParam("enterprise") String slug,
      @PathParam("serverId") String serverId,
      @PathParam("uploadId") String uploadId,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body,
      @Context UriInfo uri) {
    Enterprise enterprise = enterprises.require(slug);
    ConnectedInstance instance =
        instances.find(enterprise.id(), serverId).orElseThrow(ApiException::notFound);
    caller.requireInstance(instance.id());
    UsageIntake.Receipt receipt =
        uploads.receive(instance.id(), serverId, uploadId, contentLength, body);
    if (!receipt.applied()) {
      return Response.ok(receipt).build();
    }
    return Response.created(uri.getAbsolutePath()).entity(receipt).build();
  }

  private ConnectedInstance ownerOrItself(Enterprise enterprise, String serverId) {
    ConnectedInstance instance =
        instances.find(enterprise.id(), serverId).orElseThrow(ApiException::notFound);
    if (!caller.isOwnerOf(enterprise) && !caller.isInstance(instance.id())) {
      throw ApiException.notFound();
    }
    return instance;
  }

  /**
   * A connected instance; {@code credential} only in the answer of the handshake that issued it.
   */
  public record InstanceJson(
      String serverId,
      String hostname,
      String version,
      String enterprise,
      Instant connectedAt,
      String connectedBy,
      Instant lastSyncAt,
      String lastSyncStatus,
      String lastSyncError,
      String lastSyncVia,
      int accounts,
      String signingKeyFingerprint,
      String credential) {

    static InstanceJson of(ConnectedInstance i, Enterprise e, String credential) {
      return new InstanceJson(
          i.serverId(),
          i.hostname(),
          i.version(),
          e.slug(),
          i.connectedAt(),
          i.connectedBy(),
          i.lastSyncAt(),
          i.lastSyncStatus() == null ? null : i.lastSyncStatus().apiName(),
          i.lastSyncError(),
          i.lastSyncVia() == null
              ? null
              : i.lastSyncVia().name().toLowerCase(java.util.Locale.ROOT),
          i.accountsCount(),
          i.signingKeyFingerprint(),
          credential);
    }
  }
}
