package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ManualLink;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.QueryParameters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * What {@link LinksResource} and {@link NotSameResource} share: an owner's decisions of one kind
 * listed, made from {@code {"server_id","user_id","member_login"}} (201 with its place) and undone
 * (204). Kept out of the resource classes so that each declares its own operations (the OpenAPI
 * generator documents no inherited ones).
 */
@RequestScoped
public class Decisions {

  @Inject People people;
  @Inject CloudCaller caller;

  public List<PeopleJson.Decision> list(String slug, ManualLink.Kind kind) {
    return people.decisions(caller.requireOwnerOf(slug), kind);
  }

  public Response decide(String slug, ManualLink.Kind kind, String body, UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    String resource = kind == ManualLink.Kind.LINK ? "Link" : "NotSame";
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
        people.decide(enterprise, kind, serverId, userId, memberLogin, caller.login());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(decision.id())).build())
        .entity(decision)
        .build();
  }

  public Response undo(String slug, ManualLink.Kind kind, String id) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    people.undo(enterprise, kind, QueryParameters.id(id, "id"), caller.login());
    return Response.noContent().build();
  }
}
