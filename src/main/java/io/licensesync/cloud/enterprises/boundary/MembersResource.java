package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.control.MemberProvisioning;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
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
 * Members of an enterprise, provisioned by its owners: {@code POST} a JSON array (or the same as
 * CSV) creates or replaces those members, all or nothing; {@code GET} lists them with their seat
 * status.
 */
@Tag(name = "Members")
@ApplicationScoped
@Path("enterprises/{enterprise}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembersResource {

  @Inject Enterprises enterprises;
  @Inject CloudCaller caller;

  private Enterprise owned(String slug) {
    return caller.requireOwnerOf(slug);
  }

  @Operation(operationId = "listMembers", summary = "List members")
  @APIResponse(
      responseCode = "200",
      description = "All members",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MemberJson.class)))
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  public List<MemberJson> list(@PathParam("enterprise") String slug) {
    Enterprise enterprise = owned(slug);
    return enterprises.members(enterprise.id()).stream()
        .map(m -> MemberJson.of(m, enterprise))
        .toList();
  }

  @Operation(
      operationId = "provisionMembers",
      summary = "Provision members",
      description = "All or nothing: 422 lists every bad item. JSON array or CSV.")
  @RequestBody(ref = "Members")
  @APIResponseSchema(
      value = Enterprises.ProvisioningResult.class,
      responseCode = "200",
      responseDescription = "Created, updated, unchanged")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Enterprises.ProvisioningResult provisionJson(
      @PathParam("enterprise") String slug, String body) {
    Enterprise enterprise = owned(slug);
    return apply(enterprise, MemberProvisioning.fromJson(JsonBodies.value(body)));
  }

  @Operation(
      operationId = "provisionMembers",
      summary = "Provision members",
      description = "All or nothing: 422 lists every bad item. JSON array or CSV.")
  @RequestBody(ref = "Members")
  @APIResponseSchema(
      value = Enterprises.ProvisioningResult.class,
      responseCode = "200",
      responseDescription = "Created, updated, unchanged")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  public Enterprises.ProvisioningResult provisionCsv(
      @PathParam("enterprise") String slug, String body) {
    Enterprise enterprise = owned(slug);
    return apply(
        enterprise, MemberProvisioning.fromCsv(new StringReader(body == null ? "" : body)));
  }

  private Enterprises.ProvisioningResult apply(Enterprise enterprise, MemberProvisioning parsed) {
    if (!parsed.errors().isEmpty()) {
      throw ApiException.invalid(parsed.errors());
    }
    return enterprises.provision(enterprise.id(), parsed.profiles());
  }

  @Operation(operationId = "removeMember", summary = "Remove a member")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @DELETE
  @Path("{login}")
  public Response remove(@PathParam("enterprise") String slug, @PathParam("login") String login) {
    enterprises.removeMember(owned(slug).id(), login);
    return Response.noContent().build();
  }

  /** A member as owners see it, with whether it consumes a Cloud seat. */
  public record MemberJson(
      String login,
      String name,
      List<EmailJson> emails,
      String samlNameId,
      String enterpriseRole,
      List<String> orgRoles,
      List<String> pendingInvites,
      boolean privateRepoAccess,
      boolean twoFactor,
      boolean consumesCloudSeat) {

    static MemberJson of(Member m, Enterprise enterprise) {
      return new MemberJson(
          m.login(),
          m.name(),
          m.emails().stream()
              .map(
                  e ->
                      new EmailJson(
                          e.address(),
                          e.verified(),
                          e.verified() && enterprise.onVerifiedDomain(e.address())))
              .toList(),
          m.samlNameId(),
          m.role().apiName(),
          m.orgRoles(),
          m.pendingInvites(),
          m.privateRepoAccess(),
          m.twoFactor(),
          CloudSeatRules.consumesCloudSeat(m));
    }
  }

  /** A member's email, whether verified and whether on one of the enterprise's verified domains. */
  public record EmailJson(String email, boolean verified, boolean verifiedDomain) {}
}
