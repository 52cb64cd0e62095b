package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /enterprises/{enterprise}/license-sync-status} as the real API answers it: one entry
 * per connected instance with its last sync {@code {date, status, error}}. An instance that never
 * synced has an empty date and error and the status {@code pending}.
 */
@Tag(name = "Server instances")
@ApplicationScoped
@Path("enterprises/{enterprise}/license-sync-status")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseSyncStatusResource {

  @Inject LastSyncs lastSyncs;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "getLicenseSyncStatus",
      summary = "Each instance's last sync",
      description = "GitHub's endpoint.")
  @APIResponseSchema(
      value = Status.class,
      responseCode = "200",
      responseDescription = "The instances' last sync")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public Status get(@PathParam("enterprise") String slug) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    return new Status(
        lastSyncs.of(enterprise.id()).stream().map(LicenseSyncStatusResource::entry).toList());
  }

  private static ServerInstance entry(LastSyncs.LastSync i) {
    LastSync last =
        i.at() == null
            ? new LastSync("", "pending", "")
            : new LastSync(
                i.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                i.status().apiName(),
                i.error() == null ? "" : i.error());
    return new ServerInstance(i.serverId(), i.hostname(), last);
  }

  /** The body. */
  public record Status(List<ServerInstance> serverInstances) {}

  /** One instance. */
  public record ServerInstance(String serverId, String hostname, LastSync lastSync) {}

  /** Its last sync. */
  public record LastSync(String date, String status, String error) {}
}
