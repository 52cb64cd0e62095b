package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ManualLink;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.PageLinks;
import io.licensesync.rest.QueryParameters;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Why each seat counts, for an enterprise's owners: {@code people} (paged, filtered by {@code
 * source} and {@code q}) and one person with the emails compared, {@code license-summary}, {@code
 * likely-duplicates}, and the owner's decisions {@code links} and {@code not-same} — created with
 * {@code {"server_id","user_id","member_login"}}, removed by id. Anyone but an owner of the
 * enterprise gets 404, as on the real API.
 */
@Path("enterprises/{enterprise}")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

  @Inject People people;
  @Inject CloudCaller caller;

  @GET
  @Path("people")
  public Response people(
      @PathParam("enterprise") String slug,
      @QueryParam("source") String source,
      @QueryParam("q") String q,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    People.Source filter = People.Source.of(source);
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    PeopleJson.People found = people.page(enterprise, filter, q, page, perPage);
    return Response.ok(found)
        .header("Link", PageLinks.numbered(uri, page, perPage, found.totalCount()))
        .build();
  }

  @GET
  @Path("people/{id}")
  public PeopleJson.Person person(
      @PathParam("enterprise") String slug, @PathParam("id") String id) {
    return people.person(caller.requireOwnerOf(slug), id);
  }

  @GET
  @Path("license-summary")
  public PeopleJson.Summary summary(@PathParam("enterprise") String slug) {
    return people.summary(caller.requireOwnerOf(slug));
  }

  @GET
  @Path("likely-duplicates")
  public Response likelyDuplicates(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    int page = QueryParameters.page(pageText);
    int perPage = QueryParameters.perPage(perPageText);
    PeopleJson.LikelyDuplicates found = people.likelyDuplicates(enterprise, page, perPage);
    return Response.ok(found)
        .header("Link", PageLinks.numbered(uri, page, perPage, found.totalCount()))
        .build();
  }

  @GET
  @Path("links")
  public List<PeopleJson.Decision> links(@PathParam("enterprise") String slug) {
    return people.decisions(caller.requireOwnerOf(slug), ManualLink.Kind.LINK);
  }

  @POST
  @Path("links")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response link(@PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    return decide(slug, ManualLink.Kind.LINK, body, uri);
  }

  @DELETE
  @Path("links/{id}")
  public Response unlink(@PathParam("enterprise") String slug, @PathParam("id") String id) {
    return undo(slug, ManualLink.Kind.LINK, id);
  }

  @GET
  @Path("not-same")
  public List<PeopleJson.Decision> notSame(@PathParam("enterprise") String slug) {
    return people.decisions(caller.requireOwnerOf(slug), ManualLink.Kind.NOT_SAME);
  }

  @POST
  @Path("not-same")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response markNotSame(
      @PathParam("enterprise") String slug, String body, @Context UriInfo uri) {
    return decide(slug, ManualLink.Kind.NOT_SAME, body, uri);
  }

  @DELETE
  @Path("not-same/{id}")
  public Response unmarkNotSame(@PathParam("enterprise") String slug, @PathParam("id") String id) {
    return undo(slug, ManualLink.Kind.NOT_SAME, id);
  }

  private Response decide(String slug, ManualLink.Kind kind, String body, UriInfo uri) {
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

  private Response undo(String slug, ManualLink.Kind kind, String id) {
    Enterprise enterprise = caller.requireOwnerOf(slug);
    people.undo(enterprise, kind, QueryParameters.id(id, "id"), caller.login());
    return Response.noContent().build();
  }
}
