package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.control.CloudSeatRules;
import io.licensesync.cloud.enterprises.control.MemberProvisioning;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.Member;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
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

/**
 * Members of an enterprise, provisioned by its owners: {@code POST} a JSON array (or the same as
 * CSV) creates or replaces those members, all or nothing; {@code GET} lists them with their seat
 * status.
 */
@Path("enterprises/{enterprise}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembersResource {

  @Inject Enterprises enterprises;
  @Inject CloudCaller caller;

  private Enterprise owned(String slug) {
    return caller.requireOwnerOf(slug);
  }

  @GET
  public List<MemberJson> list(@PathParam("enterprise") String slug) {
    Enterprise enterprise = owned(slug);
    return enterprises.members(enterprise.id()).stream()
        .map(m -> MemberJson.of(m, enterprise))
        .toList();
  }

  @POST
  public Enterprises.ProvisioningResult provisionJson(
      @PathParam("enterprise") String slug, String body) {
    Enterprise enterprise = owned(slug);
    return apply(enterprise, MemberProvisioning.fromJson(JsonBodies.value(body)));
  }

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
