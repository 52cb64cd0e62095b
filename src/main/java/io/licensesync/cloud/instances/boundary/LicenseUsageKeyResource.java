package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.wire.SignedExportFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /enterprises/{enterprise}/license-usage-key}: the public key Servers encrypt their
 * exported license usage files for, readable by the enterprise's owners (to paste it on a Server
 * that cannot reach the Cloud) and by its connected instances (which fetch it at each export).
 */
@Tag(name = "Server instances")
@ApplicationScoped
@Path("enterprises/{enterprise}/license-usage-key")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseUsageKeyResource {

  @Inject Enterprises enterprises;
  @Inject ExportFileIntake files;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "getLicenseUsageKey",
      summary = "The key exported files are encrypted for")
  @APIResponseSchema(
      value = KeyJson.class,
      responseCode = "200",
      responseDescription = "The public key (JWK, P-256) and fingerprint")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public KeyJson key(@PathParam("enterprise") String slug) {
    Enterprise enterprise = enterprises.require(slug);
    if (!caller.isOwnerOf(enterprise) && !caller.isInstanceOf(enterprise)) {
      throw ApiException.notFound();
    }
    return KeyJson.of(enterprise.slug(), files.publicKey(enterprise.id()));
  }

  /** The enterprise's public license usage key, and its fingerprint as pages show it. */
  public record KeyJson(String enterprise, JsonValue key, String fingerprint) {

    static KeyJson of(String enterprise, com.nimbusds.jose.jwk.ECKey key) {
      return new KeyJson(
          enterprise, JsonBodies.object(key.toJSONString()), SignedExportFile.fingerprint(key));
    }
  }
}
