package io.licensesync.server.licensesync.boundary;

import io.licensesync.rest.JsonBodies;
import io.licensesync.server.access.boundary.Caller;
import io.licensesync.server.access.boundary.SiteAdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Export license usage over REST: {@code GET /admin/license-sync/export} downloads the signed file
 * (named after the hostname and the date); {@code GET …/export/key} tells which key signs it and
 * whether and for which enterprise key it is encrypted; {@code PUT …/export/cloud-key} keeps an
 * enterprise's key pasted from the Cloud ({@code {"enterprise":"acme","key":{…JWK…}}}) and {@code
 * DELETE} forgets it.
 */
@Tag(name = "License sync")
@ApplicationScoped
@Path("admin/license-sync/export")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SiteAdminOnly
public class LicenseUsageExportResource {

  @Inject UsageExport export;
  @Inject Caller caller;

  @Operation(
      operationId = "exportLicenseUsage",
      summary = "Export license usage",
      description =
          "The signed file for Add server usage; X-License-Usage-Encrypted says whether the users are encrypted.")
  @APIResponse(
      responseCode = "200",
      description = "The file, as an attachment",
      content = @Content(mediaType = "application/json", schema = @Schema(ref = "UsageFile")))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @GET
  public Response download() {
    UsageExport.Export file = export.export(caller.login());
    StreamingOutput body =
        out -> {
          try {
            Files.copy(file.file(), out);
          } finally {
            file.delete();
          }
        };
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
        .header("X-License-Usage-Encrypted", Boolean.toString(file.encrypted()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @Operation(operationId = "getExportKey", summary = "What signs and encrypts the next export")
  @APIResponseSchema(
      value = KeyJson.class,
      responseCode = "200",
      responseDescription = "The keys and fingerprints")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  @Path("key")
  public KeyJson key() {
    return KeyJson.of(export.plan());
  }

  @Operation(
      operationId = "setExportCloudKey",
      summary = "Keep the enterprise key to encrypt exports for")
  @RequestBody(ref = "CloudKey")
  @APIResponseSchema(
      value = KeyJson.class,
      responseCode = "200",
      responseDescription = "The keys now used")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PUT
  @Path("cloud-key")
  public KeyJson paste(String body) {
    JsonObject json = JsonBodies.object(body);
    JsonValue key = json.get("key");
    String jwk =
        key == null
            ? null
            : key.getValueType() == JsonValue.ValueType.STRING
                ? json.getString("key")
                : key.toString();
    export.pasteKey(JsonBodies.requiredString(json, "UsageKey", "enterprise"), jwk, caller.login());
    return KeyJson.of(export.plan());
  }

  @Operation(operationId = "deleteExportCloudKey", summary = "Forget the enterprise key")
  @APIResponse(responseCode = "204", description = "Forgotten")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @DELETE
  @Path("cloud-key")
  public Response forget() {
    export.forgetKey(caller.login());
    return Response.noContent().build();
  }

  /** What signs and what encrypts the next export. */
  public record KeyJson(
      String serverId,
      String signingKeyFingerprint,
      JsonValue signingKey,
      boolean encrypted,
      String encryptedFor,
      String encryptionKeyFingerprint,
      Instant encryptionKeySince,
      String connectedEnterprise,
      String fileName) {

    static KeyJson of(UsageExport.Plan plan) {
      var target = plan.encryptFor();
      return new KeyJson(
          plan.serverId(),
          plan.signingKeyFingerprint(),
          JsonBodies.object(plan.signingKey()),
          plan.encrypted(),
          target == null ? null : target.enterprise(),
          target == null ? null : target.fingerprint(),
          target == null ? null : target.since(),
          plan.connectedEnterprise(),
          plan.fileName());
    }
  }
}
