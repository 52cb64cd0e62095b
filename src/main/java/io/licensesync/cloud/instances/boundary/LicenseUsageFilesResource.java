package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Add server usage over REST: {@code POST /enterprises/{enterprise}/server-usage-uploads} — an
 * owner uploads a file exported by a Server and gets a receipt (201 when applied, 200 when the same
 * file had been applied already). A file over {@code licensesync.cloud.usage-file.max-bytes} gets
 * 413.
 */
@Tag(name = "Server instances")
@ApplicationScoped
@Path("enterprises/{enterprise}/server-usage-uploads")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseUsageFilesResource {

  @Inject Enterprises enterprises;
  @Inject UsageUploads uploads;
  @Inject CloudCaller caller;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.usage-file.max-bytes", defaultValue = "67108864")
  long maxBytes;

  @Operation(
      operationId = "addServerUsage",
      summary = "Add server usage",
      description = "The file of Export license usage, as the body.")
  @RequestBody(ref = "UsageFile")
  @APIResponseSchema(
      value = ExportFileIntake.Receipt.class,
      responseCode = "201",
      responseDescription = "Applied")
  @APIResponse(
      responseCode = "200",
      description = "That file was applied already",
      content = @Content(schema = @Schema(implementation = ExportFileIntake.Receipt.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD})
  public Response upload(
      @PathParam("enterprise") String slug,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    Enterprise enterprise = enterprises.require(slug);
    caller.requireOwnerOf(enterprise);
    if (contentLength != null && contentLength > maxBytes) {
      throw tooLarge();
    }
    byte[] file = read(body);
    ExportFileIntake.Receipt receipt = uploads.receiveFile(enterprise.id(), file, caller.login());
    return Response.status(receipt.applied() ? Response.Status.CREATED : Response.Status.OK)
        .entity(receipt)
        .build();
  }

  private byte[] read(InputStream body) {
    try {
      byte[] file = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (file.length > maxBytes) {
        throw tooLarge();
      }
      if (file.length == 0) {
        throw ApiException.invalid(
            "UsageFile",
            "file",
            "missing_field",
            "The request holds no file: send the exported license usage file as the body.");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "The file is larger than the limit of " + maxBytes + " bytes; nothing changed.",
        null,
        null);
  }
}
