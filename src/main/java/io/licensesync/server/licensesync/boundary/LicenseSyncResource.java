package io.licensesync.server.licensesync.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.entity.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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
 * License sync over REST: {@code GET}/{@code PUT /admin/license-sync} reads and changes the setting
 * ({@code {"setting":"Enabled","cloud_token":"…"}}); {@code POST /admin/license-sync/runs} is Sync
 * now (202 and the run's location; 409 with the running one's location); {@code GET …/runs} is the
 * history, {@code GET …/runs/{id}} one run for polling.
 */
@Tag(name = "License sync")
@ApplicationScoped
@Path("admin/license-sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class LicenseSyncResource {

  @Inject LicenseSyncSetting setting;
  @Inject SyncRuns runs;
  @Inject RunLedger ledger;
  @Inject Caller caller;

  @Operation(
      operationId = "getLicenseSync",
      summary = "The license sync setting, last and next run")
  @APIResponseSchema(
      value = LicenseSyncSetting.State.class,
      responseCode = "200",
      responseDescription = "The setting")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public LicenseSyncSetting.State get() {
    return setting.state();
  }

  @Operation(
      operationId = "setLicenseSync",
      summary = "Enable or disable license sync",
      description = "Enabling needs a connection and an owner token of the connected enterprise.")
  @RequestBody(ref = "LicenseSyncSetting")
  @APIResponseSchema(
      value = LicenseSyncSetting.State.class,
      responseCode = "200",
      responseDescription = "The new setting")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  public LicenseSyncSetting.State change(String body) {
    JsonObject json = JsonBodies.object(body);
    return setting.change(
        JsonBodies.requiredString(json, "LicenseSync", "setting"),
        caller.login(),
        caller.siteAdmin(),
        JsonBodies.string(json, "LicenseSync", "cloud_token").orElse(null));
  }

  @Operation(
      operationId = "syncNow",
      summary = "Sync now",
      description = "Starts a run; Location names it.")
  @APIResponseSchema(value = RunJson.class, responseCode = "202", responseDescription = "Started")
  @APIResponse(
      responseCode = "409",
      description = "A run is in progress; Location names it",
      content = @Content(schema = @Schema(ref = "Error")))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @POST
  @Path("runs")
  public Response syncNow(@Context UriInfo uri) {
    try {
      SyncRun run = runs.syncNow(caller.login());
      return Response.accepted(RunJson.of(run)).location(runUri(uri, run.id())).build();
    } catch (RunLedger.RunInProgress busy) {
      return Response.status(409)
          .type(MediaType.APPLICATION_JSON)
          .entity(busy.body())
          .location(runUri(uri, busy.runId()))
          .build();
    }
  }

  @Operation(
      operationId = "listLicenseSyncRuns",
      summary = "The run history",
      description = "Newest first; paged with a Link header.")
  @APIResponse(
      responseCode = "200",
      description = "A page of runs",
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RunJson.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @GET
  @Path("runs")
  public Response history(
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    List<RunJson> items =
        ledger.page((page - 1) * perPage, perPage).stream().map(RunJson::of).toList();
    return Response.ok(items)
        .header("Link", PageLinks.numbered(uri, page, perPage, ledger.count()))
        .build();
  }

  @Operation(operationId = "getLicenseSyncRun", summary = "One run, for polling")
  @APIResponseSchema(value = RunJson.class, responseCode = "200", responseDescription = "The run")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("runs/{id}")
  public RunJson run(@PathParam("id") String id) {
    return ledger
        .run(QueryParameters.id(id, "id"))
        .map(RunJson::of)
        .orElseThrow(ApiException::notFound);
  }

  private static URI runUri(UriInfo uri, long id) {
    return uri.getBaseUriBuilder().path("admin/license-sync/runs").path(Long.toString(id)).build();
  }

  /** A run as the history shows it. */
  public record RunJson(
      long id,
      String trigger,
      String requestedBy,
      Instant startedAt,
      Instant finishedAt,
      String status,
      Integer accountsSent,
      Integer accountsAdded,
      Integer accountsRemoved,
      String error,
      String node) {

    static RunJson of(SyncRun r) {
      return new RunJson(
          r.id(),
          r.trigger().name().toLowerCase(java.util.Locale.ROOT),
          r.requestedBy(),
          r.startedAt(),
          r.finishedAt(),
          r.status().name().toLowerCase(java.util.Locale.ROOT),
          r.accountsSent(),
          r.accountsAdded(),
          r.accountsRemoved(),
          r.error(),
          r.nodeId());
    }
  }
}
