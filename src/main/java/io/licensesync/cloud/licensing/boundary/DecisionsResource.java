package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ManualLink;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.QueryParameters;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An owner's decisions of one kind: listed ({@code GET}, each with whether it is stale), made
 * ({@code POST {"server_id","user_id","member_login"}}, 201) and undone ({@code DELETE …/{id}},
 * 204); matching honours them at once. The two kinds are the subclasses below, at {@code links} and
 * {@code not-same}. Owners only; anyone else gets 404.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DecisionsResource {

  @Inject People people;
  @Inject CloudCaller caller;

  abstract ManualLink.Kind kind();

  @GET
  public List<PeopleJson.Decision> list(@PathParam("enterprise") String slug) {
    return people.decisions(caller.requireOwnerOf(slug), kind());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response decide(@PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    String resource = kind() == ManualLink.Kind.LINK ? "Link" : "NotSame";
    JsonObject json = JsonBodies.object(body);
    String serverId = JsonBodies.requiredString(json, resource, "server_id", TextRules.SERVER_ID);
    long userId =
        JsonBodies.integer(json, resource, "user_id", 1, Long.MAX_VALUE)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        resource, "user_id", "missing_field", "user_id is required"));
    String memberLogin = JsonBodies.requiredString(json, resource, "member_login", TextRules.LOGIN);
    PeopleJson.Decision decision =
        people.decide(enterprise, kind(), serverId, userId, memberLogin, caller.login());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(decision.id())).build())
        .entity(decision)
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response undo(@PathParam("enterprise") String slug, @PathParam("id") String id) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    people.undo(enterprise, kind(), QueryParameters.id(id, "id"), caller.login());
    return Response.noContent().build();
  }

  /** {@code links}: this Server account is that member. */
  @Tag(name = "Licensing")
  @Path("enterprises/{enterprise}/links")
  public static class Links extends DecisionsResource {
    @Override
    ManualLink.Kind kind() {
      return ManualLink.Kind.LINK;
    }
  }

  /** {@code not-same}: this Server account is not that member, whatever the emails say. */
  @Tag(name = "Licensing")
  @Path("enterprises/{enterprise}/not-same")
  public static class NotSame extends DecisionsResource {
    @Override
    ManualLink.Kind kind() {
      return ManualLink.Kind.NOT_SAME;
    }
  }
}
