package io.licensesync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Validates response bodies against the real API's schemas in {@code src/test/resources/contracts}
 * (copied from the shared contracts) with a JSON Schema validator; OpenAPI's {@code nullable} is
 * honoured. Because the real schemas require nothing, it also checks that every property the schema
 * declares is present: a field we forgot would otherwise pass.
 */
public final class Contracts {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

  private Contracts() {}

  public static void assertValid(String contract, JsonNode body) {
    JsonNode schemaNode = load(contract).get("schema");
    JsonSchema schema =
        FACTORY.getSchema(
            schemaNode, SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build());
    Set<ValidationMessage> problems = schema.validate(body);
    assertEquals(Set.of(), problems, contract + " violated by " + body);
    assertComplete(schemaNode, body, "$");
  }

  private static void assertComplete(JsonNode schema, JsonNode body, String where) {
    JsonNode properties = schema.get("properties");
    if (properties != null && body.isObject()) {
      for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        assertTrue(body.has(name), where + "." + name + " is missing from " + body);
        assertComplete(properties.get(name), body.get(name), where + "." + name);
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && body.isArray()) {
      for (int i = 0; i < body.size(); i++) {
        assertComplete(items, body.get(i), where + "[" + i + "]");
      }
    }
  }

  private static JsonNode load(String contract) {
    try (InputStream in = Contracts.class.getResourceAsStream("/contracts/" + contract)) {
      if (in == null) {
        throw new IllegalArgumentException("no contract " + contract);
      }
      return Api.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether an error's {@code documentation_url} is a page that exists: GitHub's REST documentation
   * for a GitHub-compatible endpoint, or this application's own documentation at {@code /docs/}.
   */
  public static boolean isDocumentationUrl(String url) {
    return url.startsWith("https://docs.github.com/en/enterprise-")
        || url.matches("https?://[^/]+(/[^/]+)*/docs/[a-z-]+(#[a-z0-9-]+)?");
  }
}
