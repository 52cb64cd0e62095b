package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.control.MemberProvisioning;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.JsonBodies;
import io.licensesync.rest.Validated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
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
 * Enterprise accounts: the operator creates them (with the first owner, whose token is answered
 * once), lists and changes them; an owner reads its own enterprise and issues tokens for its fellow
 * owners.
 */
@Tag(name = "Enterprises")
@ApplicationScoped
@Path("enterprises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnterprisesResource {

  @Inject Enterprises enterprises;
  @Inject CloudCaller caller;

  @Operation(
      operationId = "createEnterprise",
      summary = "Create an enterprise",
      description = "Operator only; answers the first owner's token once.")
  @RequestBody(ref = "NewEnterprise")
  @APIResponseSchema(
      value = EnterpriseJson.class,
      responseCode = "201",
      responseDescription = "Created, with the owner's token")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  public Response create(String body, @Context UriInfo uri) {
    caller.requireOperator();
    JsonObject json = JsonBodies.object(body);
    String slug = JsonBodies.requiredString(json, "Enterprise", "slug", TextRules.SLUG);
    String name = JsonBodies.string(json, "Enterprise", "name", TextRules.NAME).orElse(slug);
    int seats = seats(json);
    List<String> domains = strings(json, "verified_domains");
    JsonValue owner = json.get("owner");
    if (owner == null || owner.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.invalid(
          "Enterprise",
          "owner",
          "missing_field",
          "owner is required: the first owner's login and emails");
    }
    JsonObject ownerJson =
        Json.createObjectBuilder(owner.asJsonObject()).add("enterprise_role", "owner").build();
    MemberProvisioning parsed =
        MemberProvisioning.fromJson(Json.createArrayBuilder().add(ownerJson).build());
    if (!parsed.errors().isEmpty()) {
      throw ApiException.invalid(parsed.errors());
    }
    MemberProfile first = parsed.profiles().get(0);
    Enterprises.Created created = enterprises.create(slug, name, seats, domains, first);
    Enterprise e = created.enterprise();
    return Response.created(uri.getAbsolutePathBuilder().path(e.slug()).build())
        .entity(
            new EnterpriseJson(
                e.id(),
                e.slug(),
                e.name(),
                e.seatsPurchased(),
                e.verifiedDomains(),
                e.createdAt(),
                created.owner().login(),
                created.ownerToken()))
        .build();
  }

  @Operation(operationId = "listEnterprises", summary = "List enterprises")
  @APIResponse(
      responseCode = "200",
      description = "All enterprises",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = EnterpriseJson.class)))
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @GET
  public List<EnterpriseJson> list() {
    caller.requireOperator();
    return enterprises.all().stream().map(EnterpriseJson::of).toList();
  }

  @Operation(operationId = "getEnterprise", summary = "Get an enterprise")
  @APIResponseSchema(
      value = EnterpriseJson.class,
      responseCode = "200",
      responseDescription = "The enterprise")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @GET
  @Path("{enterprise}")
  public EnterpriseJson get(@PathParam("enterprise") String slug) {
    Enterprise enterprise = enterprises.require(slug);
    if (caller.kind() != CloudCaller.Kind.OPERATOR) {
      caller.requireOwnerOf(enterprise);
    }
    return EnterpriseJson.of(enterprise);
  }

  @Operation(operationId = "updateEnterprise", summary = "Change name, seats or verified domains")
  @RequestBody(ref = "EnterpriseChange")
  @APIResponseSchema(
      value = EnterpriseJson.class,
      responseCode = "200",
      responseDescription = "The enterprise")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @PATCH
  @Path("{enterprise}")
  public EnterpriseJson update(@PathParam("enterprise") String slug, String body) {
    caller.requireOperator();
    Enterprise enterprise = enterprises.require(slug);
    JsonObject json = JsonBodies.object(body);
    String name =
        JsonBodies.string(json, "Enterprise", "name", TextRules.NAME).orElse(enterprise.name());
    int seats = json.containsKey("seats_purchased") ? seats(json) : enterprise.seatsPurchased();
    List<String> domains =
        json.containsKey("verified_domains")
            ? strings(json, "verified_domains")
            : enterprise.verifiedDomains();
    return EnterpriseJson.of(enterprises.update(enterprise.id(), name, seats, domains));
  }

  @Operation(operationId = "createOwnerToken", summary = "Create a token for an owner")
  @RequestBody(ref = "TokenRequest")
  @APIResponseSchema(
      value = IssuedToken.class,
      responseCode = "201",
      responseDescription = "The token, shown once")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "404", ref = "NotFound")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "Unprocessable")
  @POST
  @Path("{enterprise}/owners/{login}/tokens")
  public Response issueToken(
      @PathParam("enterprise") String slug,
      @PathParam("login") String login,
      String body,
      @Context UriInfo uri) {
    Enterprise enterprise = enterprises.require(slug);
    caller.requireOwnerOf(enterprise);
    String note =
        JsonBodies.requiredString(JsonBodies.object(body), "Token", "note", TextRules.NOTE);
    String token = enterprises.issueOwnerToken(enterprise.id(), login, note);
    return Response.status(Response.Status.CREATED)
        .entity(new IssuedToken(login, note, token, StoredTime.now()))
        .build();
  }

  private static int seats(JsonObject json) {
    return JsonBodies.integer(json, "Enterprise", "seats_purchased", 0, Integer.MAX_VALUE)
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "Enterprise",
                    "seats_purchased",
                    "invalid",
                    "seats_purchased must be a whole number of at least 0"))
        .intValue();
  }

  private static List<String> strings(JsonObject json, String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof JsonString)) {
      List<String> strings = array.stream().map(v -> ((JsonString) v).getString()).toList();
      strings.forEach(domain -> Validated.check("Enterprise", new VerifiedDomain(domain)));
      return strings.stream().map(String::strip).toList();
    }
    throw ApiException.invalid(
        "Enterprise", field, "invalid", field + " must be an array of strings");
  }

  /**
   * One verified domain as sent, before it is stripped: within the column, no control characters.
   */
  record VerifiedDomain(@Text(max = TextRules.DOMAINS) String verifiedDomains) {}

  /** An owner token as issued: its secret is shown this once. */
  public record IssuedToken(String login, String note, String token, Instant createdAt) {}
}
