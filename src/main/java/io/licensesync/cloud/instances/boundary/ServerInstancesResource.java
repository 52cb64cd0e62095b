package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.UsageSource;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
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
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.ObservableInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server instances of an enterprise: the connect handshake ({@code POST}, by an owner), the list,
 * disconnecting ({@code DELETE}, by an owner or the instance), and license usage uploads ({@code
 * PUT …/license-usage-uploads/{upload_id}}, by the instance with its credential). An instance shows
 * the fingerprint of the key its exported files must be signed with, once its first usage named it.
 * An upload past the size limit gets 413; any refused upload is recorded as the instance's failed
 * last sync.
 */
@Path("enterprises/{enterprise}/server-instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerInstancesResource {

  private static final Logger LOG = Logger.getLogger(ServerInstancesResource.class.getName());
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Inject Enterprises enterprises;
  @Inject Instances instances;
  @Inject UsageIntake uploads;
  @Inject CloudCaller caller;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.upload.max-bytes", defaultValue = "104857600")
  long maxUploadBytes;

  private Enterprise enterprise(String slug) {
    return enterprises.find(slug).orElseThrow(ApiException::notFound);
  }

  @POST
  public Response connect(@PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    Enterprise enterprise = enterprise(slug);
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

  @GET
  public List<InstanceJson> list(@PathParam("enterprise") String slug) {
    Enterprise enterprise = enterprise(slug);
    caller.requireOwnerOf(enterprise);
    return instances.of(enterprise.id()).stream()
        .map(i -> InstanceJson.of(i, enterprise, null))
        .toList();
  }

  @GET
  @Path("{serverId}")
  public InstanceJson get(
      @PathParam("enterprise") String slug, @PathParam("serverId") String serverId) {
    Enterprise enterprise = enterprise(slug);
    ConnectedInstance instance = ownerOrItself(enterprise, serverId);
    return InstanceJson.of(instance, enterprise, null);
  }

  @DELETE
  @Path("{serverId}")
  public Response disconnect(
      @PathParam("enterprise") String slug, @PathParam("serverId") String serverId) {
    Enterprise enterprise = enterprise(slug);
    ownerOrItself(enterprise, serverId);
    instances.disconnect(enterprise.id(), serverId);
    return Response.noContent().build();
  }

  @PUT
  @Path("{serverId}/license-usage-uploads/{uploadId}")
  public Response upload(
      @PathParam("enterprise") String slug,
      @PathParam("serverId") String serverId,
      @PathParam("uploadId") String uploadId,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body,
      @Context UriInfo uri) {
    Enterprise enterprise = enterprise(slug);
    ConnectedInstance instance =
        instances.find(enterprise.id(), serverId).orElseThrow(ApiException::notFound);
    caller.requireInstance(instance.id());
    AtomicBoolean tooLarge = new AtomicBoolean();
    AtomicBoolean broken = new AtomicBoolean();
    BoundedInputStream bounded = null;
    try {
      if (!UPLOAD_ID.matcher(uploadId).matches()) {
        throw ApiException.invalid(
            "LicenseUsageDocument",
            "upload_id",
            "invalid",
            "upload_id must be 1 to 64 letters, digits, dots, dashes or underscores");
      }
      if (contentLength != null && contentLength > maxUploadBytes) {
        throw tooLarge();
      }
      // a body that breaks off (the connection lost mid-upload) is told apart from a wrong one
      ObservableInputStream watched =
          new ObservableInputStream(
              body,
              new ObservableInputStream.Observer() {
                @Override
                public void error(IOException exception) {
                  broken.set(true);
                }
              });
      bounded =
          BoundedInputStream.builder()
              .setInputStream(watched)
              .setMaxCount(maxUploadBytes + 1)
              .setOnMaxCount(
                  (max, count) -> {
                    tooLarge.set(true);
                    throw new IOException("upload larger than the limit");
                  })
              .get();
      UsageIntake.Receipt receipt =
          uploads.apply(instance.id(), uploadId, bounded, UsageSource.AUTOMATIC);
      if (!receipt.applied()) {
        return Response.ok(receipt).build();
      }
      return Response.created(uri.getAbsolutePath()).entity(receipt).build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof UsageIntake.UploadInProgress busy) {
        throw busy;
      }
      long received = bounded == null ? 0 : bounded.getCount();
      boolean cutOff =
          bounded != null
              && !tooLarge.get()
              && (broken.get() || (contentLength != null && received < contentLength));
      ApiException refusal =
          tooLarge.get()
              ? tooLarge()
              : cutOff
                  ? ApiException.badRequest(
                      "The upload was cut off after "
                          + received
                          + " bytes"
                          + (contentLength == null ? "" : " of " + contentLength)
                          + "; nothing changed")
                  : e instanceof ApiException api ? api : null;
      String reason =
          refusal != null
              ? refusal.body().reason()
              : "the Cloud could not apply the upload (internal error)";
      instances.recordFailure(instance.id(), reason, UsageSource.AUTOMATIC);
      if (refusal != null) {
        throw refusal;
      }
      LOG.log(Level.SEVERE, "Upload of instance " + serverId + " failed", e);
      throw new ApiException(500, "Server Error", null, null);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413, "The upload is larger than the limit of " + maxUploadBytes + " bytes", null, null);
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
