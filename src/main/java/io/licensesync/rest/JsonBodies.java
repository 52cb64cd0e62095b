package io.licensesync.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * Strict reading of small JSON request bodies, with GitHub's answers: 400 "Problems parsing JSON"
 * for what is not a JSON object, 422 for a field of the wrong type. Resources take the body as a
 * string and read it here, so a malformed body fails the same way on every server.
 */
public final class JsonBodies {

  private JsonBodies() {}

  /** The body as an object; an empty body reads as an empty object, as GitHub allows for optional bodies. */
  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw ApiException.badRequest("Problems parsing JSON");
      }
      return value.asJsonObject();
    } catch (JsonException | IllegalStateException e) {
      throw ApiException.badRequest("Problems parsing JSON");
    }
  }

  /** A string field, absent when missing or null; 422 when present with another type. */
  public static Optional<String> string(JsonObject body, String resource, String field) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonString text) {
      return Optional.of(text.getString());
    }
    throw ApiException.invalid(resource, field, "invalid", field + " must be a string");
  }

  /** A required string field; 422 {@code missing_field} when absent. */
  public static String requiredString(JsonObject body, String resource, String field) {
    return string(body, resource, field)
        .orElseThrow(() -> ApiException.invalid(resource, field, "missing_field", field + " is required"));
  }
}
