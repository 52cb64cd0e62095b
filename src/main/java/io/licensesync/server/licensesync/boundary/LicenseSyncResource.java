package io.licensesync.server.licensesync.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.entity.SyncRun;
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

/**
 * License sync over REST: {@code GET}/{@code PUT /admin/license-sync} reads and changes the setting
 * ({@code {"setting":"Enabled","cloud_token":"…"}}); {@code POST /admin/license-sync/runs} is Sync
 * now (202 and the run's location; 409 with the running one's location); {@code GET …/runs} is the
 * history, {@code GET …/runs/{id}} one run for polling.
 */
@Path("admin/license-sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class LicenseSyncResource {

  @Inject LicenseSyncSetting setting;
  @Inject SyncRuns runs;
  @Inject RunLedger ledger;
  @Inject Caller caller;

  @GET
  public LicenseSyncSetting.State get() {
    return setting.state();
  }

  @PUT
  public LicenseSyncSetting.State change(String body) {
    JsonObject json = JsonBodies.object(body);
    return setting.change(
        JsonBodies.requiredString(json, "LicenseSync", "setting"),
        caller.login(),
        caller.siteAdmin(),
        JsonBodies.string(json, "LicenseSync", "cloud_token").orElse(null));
  }

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
