package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.AtMost;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import io.licensesync.server.accounts.control.SeatRules;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The real Server's user administration ({@code POST /admin/users}, {@code PATCH} to rename, {@code
 * DELETE}) and our import of the "all users" report ({@code POST /admin/users/imports}, text/csv).
 */
@Tag(name = "Users")
@ApplicationScoped
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class AdminUsersResource {

  @Inject Accounts accounts;
  @Inject UsersReportImport reportImport;
  @Inject SeatRules seatRules;
  @Inject Caller caller;

  @Inject
  @ConfigProperty(name = "licensesync.server.import.max-bytes", defaultValue = "52428800")
  long maxImportBytes;

  @Operation(operationId = "createUser", summary = "Create an account")
  @RequestBody(ref = "NewUser")
  @APIResponseSchema(
      value = AccountJson.class,
      responseCode = "201",
      responseDescription = "Created; Location names it")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Response create(String body, @Context UriInfo uri) {
    JsonObject json = JsonBodies.object(body);
    String login = JsonBodies.requiredString(json, "User", "login");
    String email = JsonBodies.string(json, "User", "email").orElse(null);
    UserAccount account = accounts.create(login, email);
    AccountJson view = AccountJson.of(account, seatRules, uri.getBaseUri(), StoredTime.now());
    return Response.created(uri.getBaseUriBuilder().path("users").path(account.login()).build())
        .entity(view)
        .build();
  }

  @Operation(operationId = "renameUser", summary = "Rename an account")
  @RequestBody(ref = "Rename")
  @APIResponse(
      responseCode = "202",
      description = "Renamed; the message and the account's new URL",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "RenameJob")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PATCH
  @Path("{username}")
  public Response rename(
      @PathParam("username") String username, String body, @Context UriInfo uri) {
    String login = JsonBodies.requiredString(JsonBodies.object(body), "User", "login");
    UserAccount account = accounts.rename(username, login);
    return Response.accepted(
            Map.of(
                "message",
                "Job queued to rename user. It may take a few minutes to complete.",
                "url",
                uri.getBaseUriBuilder().path("users").path(account.login()).build().toString()))
        .build();
  }

  @Operation(operationId = "deleteUser", summary = "Delete an account")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @DELETE
  @Path("{username}")
  public Response delete(@PathParam("username") String username) {
    accounts.delete(username, caller.accountId());
    return Response.noContent().build();
  }

  /**
   * Imports the site-admin "all users" report. By default a file with any bad line changes nothing
   * (422, every bad line listed); {@code on_error=skip} applies the good lines and lists the rest.
   */
  @Operation(
      operationId = "importUsersReport",
      summary = "Import the users report",
      description = "The site-admin all users report as CSV; by default all or nothing.")
  @RequestBody(ref = "UsersReport")
  @APIResponseSchema(
      value = ImportReport.class,
      responseCode = "200",
      responseDescription = "Applied: created, updated, unchanged")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Path("imports")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  public Response importReport(
      InputStream csv, @QueryParam("on_error") @DefaultValue("reject") String onError)
      throws IOException {
    if (!onError.equals("reject") && !onError.equals("skip")) {
      throw ApiException.invalid(
          "Import", "on_error", "invalid", "on_error must be reject or skip");
    }
    ImportReport result;
    try {
      result =
          reportImport.apply(
              new BufferedReader(
                  new InputStreamReader(atMost(csv, maxImportBytes), StandardCharsets.UTF_8),
                  1 << 16),
              onError.equals("skip"));
    } catch (UsersReport.MalformedReportException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return Response.status(result.applied() ? 200 : 422).entity(result).build();
  }

  /**
   * The body as it streams in, refused with a 413 (the import's transaction rolled back) once it is
   * longer than {@code max} bytes.
   */
  private static InputStream atMost(InputStream body, long max) {
    return AtMost.bytes(
        body,
        max,
        () -> new ApiException(413, "The file is larger than " + max + " bytes", null, null));
  }
}
