package io.licensesync.docs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Finishes the generated {@code /openapi} document with what holds for every operation, so the
 * resources' annotations say only what is particular to each: the 401 every operation answers
 * without a credential, the descriptions and limits of the parameters many operations share, and
 * the snake_case property names JSON-B writes (the generator reads the records' Java names).
 */
public class OpenApiFilter implements OASFilter {

  private static final Map<String, Param> PARAMETERS = new HashMap<>();

  static {
    param("enterprise", "The enterprise's slug.", Schema.SchemaType.STRING, null, null);
    param("username", "The account's login.", Schema.SchemaType.STRING, null, null);
    param("login", "The member's or owner's login.", Schema.SchemaType.STRING, null, null);
    param("serverId", "The Server instance's id.", Schema.SchemaType.STRING, null, null);
    param(
        "uploadId",
        "The upload's id, chosen by the Server; the same id again is answered with the receipt.",
        Schema.SchemaType.STRING,
        null,
        null);
    param("id", "The id.", Schema.SchemaType.STRING, null, null);
    param("page", "The page, from 1.", Schema.SchemaType.INTEGER, 1, null);
    param("per_page", "Items per page, 1 to 100 (default 30).", Schema.SchemaType.INTEGER, 1, 100);
    param(
        "since",
        "Only accounts with a larger id (the Link header's next page).",
        Schema.SchemaType.INTEGER,
        0,
        null);
    param(
        "format",
        "`json` (default) or `csv`; `Accept: text/csv` asks for CSV too.",
        Schema.SchemaType.STRING,
        null,
        null);
    param("actor", "Only events of this login, exactly.", Schema.SchemaType.STRING, null, null);
    param(
        "action",
        "Only this action, exactly, or a prefix ending in `*` (`user.*`).",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "after",
        "From this date (`2026-12-01`, midnight UTC) or ISO-8601 instant, inclusive.",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "before", "Before this date or instant, exclusive.", Schema.SchemaType.STRING, null, null);
    param("sort", "`last_active` (default) or `login`.", Schema.SchemaType.STRING, null, null);
    param("direction", "`asc` (default) or `desc`.", Schema.SchemaType.STRING, null, null);
    param(
        "on_error",
        "`reject` (default: a bad line changes nothing) or `skip` (apply the good lines).",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "force",
        "`true` to disconnect even when the Cloud cannot be told.",
        Schema.SchemaType.BOOLEAN,
        null,
        null);
    param(
        "source",
        "`cloud`, `server` or `both`; all people when absent.",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "q",
        "Search logins, names, emails and `hostname:id`, any case.",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "from",
        "First day, `YYYY-MM-DD` (default 90 days ago).",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "to",
        "Last day, `YYYY-MM-DD` (default today); at most 3660 days after `from`.",
        Schema.SchemaType.STRING,
        null,
        null);
    param(
        "Content-Length",
        "The body's length in bytes; checked against the limit before reading.",
        Schema.SchemaType.INTEGER,
        0,
        null);
  }

  private record Param(
      String description, Schema.SchemaType type, Integer minimum, Integer maximum) {}

  private static void param(
      String name, String description, Schema.SchemaType type, Integer min, Integer max) {
    PARAMETERS.put(name, new Param(description, type, min, max));
  }

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
      openApi.getComponents().getSchemas().values().forEach(s -> snakeCase(s, seen));
      seatsAsNumberOrUnlimited(openApi.getComponents().getSchemas().get("LicenseInformation"));
    }
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    Map<String, List<Operation>> byId = new HashMap<>();
    Map<Operation, String> pathOf = new IdentityHashMap<>();
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation operation = e.getValue();
                finish(operation, seen);
                pathOf.put(operation, path);
                if (operation.getOperationId() != null) {
                  byId.computeIfAbsent(operation.getOperationId(), k -> new ArrayList<>())
                      .add(operation);
                }
              }
            });
    // one resource class serving several paths (links and refusals): one id per path
    byId.values().stream()
        .filter(operations -> operations.size() > 1)
        .flatMap(List::stream)
        .forEach(o -> o.setOperationId(o.getOperationId() + suffix(pathOf.get(o))));
  }

  /**
   * A Server's seats are a number, or {@code "unlimited"} for an unlimited license, as in GitHub's
   * schema (oneOf integer, string); the generator sees only the record's {@code Object}.
   */
  private static void seatsAsNumberOrUnlimited(Schema license) {
    if (license == null || license.getProperties() == null) {
      return;
    }
    for (String name : List.of("seats", "seats_available")) {
      if (license.getProperties().containsKey(name)) {
        license.addProperty(
            name,
            OASFactory.createSchema()
                .description("A number of seats, or `unlimited`.")
                .addOneOf(OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addOneOf(
                    OASFactory.createSchema()
                        .type(Schema.SchemaType.STRING)
                        .addEnumeration("unlimited")));
      }
    }
  }

  private static void finish(Operation operation, Set<Schema> seen) {
    if (operation.getResponses() != null && !operation.getResponses().hasAPIResponse("401")) {
      operation
          .getResponses()
          .addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"));
    }
    if (operation.getParameters() != null) {
      for (Parameter parameter : operation.getParameters()) {
        Param known = PARAMETERS.get(parameter.getName());
        if (known != null && parameter.getRef() == null) {
          if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
            parameter.setDescription(known.description());
          }
          Schema schema = OASFactory.createSchema().type(known.type());
          if (known.minimum() != null) {
            schema.setMinimum(java.math.BigDecimal.valueOf(known.minimum()));
          }
          if (known.maximum() != null) {
            schema.setMaximum(java.math.BigDecimal.valueOf(known.maximum()));
          }
          if (parameter.getSchema() != null && parameter.getSchema().getDefaultValue() != null) {
            schema.setDefaultValue(parameter.getSchema().getDefaultValue());
          }
          parameter.setSchema(schema);
        }
      }
    }
    if (operation.getRequestBody() != null) {
      snakeCase(operation.getRequestBody().getContent(), seen);
    }
    if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
      for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
        snakeCase(response.getContent(), seen);
      }
    }
  }

  private static void snakeCase(Content content, Set<Schema> seen) {
    if (content != null && content.getMediaTypes() != null) {
      for (MediaType type : content.getMediaTypes().values()) {
        snakeCase(type.getSchema(), seen);
      }
    }
  }

  /** JSON-B's LOWER_CASE_WITH_UNDERSCORES, applied to a schema and the schemas it holds. */
  static void snakeCase(Schema schema, Set<Schema> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (schema.getProperties() != null) {
      Map<String, Schema> renamed = new LinkedHashMap<>();
      schema.getProperties().forEach((name, property) -> renamed.put(snakeCase(name), property));
      schema.setProperties(renamed);
      renamed.values().forEach(s -> snakeCase(s, seen));
    }
    if (schema.getRequired() != null) {
      schema.setRequired(schema.getRequired().stream().map(OpenApiFilter::snakeCase).toList());
    }
    snakeCase(schema.getItems(), seen);
    for (List<Schema> list :
        new ArrayList<>(
            List.of(
                orEmpty(schema.getAllOf()),
                orEmpty(schema.getAnyOf()),
                orEmpty(schema.getOneOf())))) {
      list.forEach(s -> snakeCase(s, seen));
    }
  }

  private static List<Schema> orEmpty(List<Schema> list) {
    return list == null ? List.of() : list;
  }

  /** As JSON-B writes a Java name: {@code tokenLastEight} is {@code token_last_eight}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && name.charAt(i - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code /cloud/api/enterprises/{enterprise}/not-same/{id}} gives {@code NotSame}. */
  static String suffix(String path) {
    String[] segments = path.split("/");
    StringBuilder out = new StringBuilder();
    for (int i = segments.length - 1; i >= 0; i--) {
      if (!segments[i].isEmpty() && !segments[i].startsWith("{")) {
        for (String word : segments[i].split("[-_]")) {
          if (!word.isEmpty()) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
          }
        }
        return out.toString();
      }
    }
    return "";
  }
}
