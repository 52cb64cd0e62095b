package io.licensesync.rest;

import io.licensesync.input.StrictJson;
import io.licensesync.input.TextRules;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Strict reading of small JSON request bodies (through {@link StrictJson}), with GitHub's answers:
 * 400 "Problems parsing JSON" for what is not JSON, for a key that appears twice in one object and
 * for nesting deeper than {@value #MAX_DEPTH} levels; 422 naming the field for a number out of
 * range (thousands of digits, {@code 1e999999999}), and for a field of the wrong type, too long, or
 * holding control characters.
 */
public final class JsonBodies {

  /** Objects and arrays nested deeper than this are refused. */
  public static final int MAX_DEPTH = StrictJson.MAX_DEPTH;

  private static final String PROBLEMS = "Problems parsing JSON";

  private JsonBodies() {}

  /**
   * The body as an object; an empty body reads as an empty object, as GitHub allows for optional
   * bodies.
   */
  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    JsonValue value = value(body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.badRequest(PROBLEMS);
    }
    return value.asJsonObject();
  }

  /** The body as any JSON value, read with the limits above; an empty body is 400. */
  public static JsonValue value(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest(PROBLEMS);
    }
    try {
      return StrictJson.read(new StringReader(body));
    } catch (StrictJson.Refused refused) {
      throw switch (refused.kind()) {
        case NUMBER ->
            ApiException.invalid("Body", refused.field(), "invalid", refused.getMessage());
        case STRUCTURE -> ApiException.badRequest(PROBLEMS + ": " + refused.getMessage());
        case MALFORMED -> ApiException.badRequest(PROBLEMS);
      };
    }
  }

  /** A string field of at most {@link TextRules#SHORT} characters, absent when missing or null. */
  public static Optional<String> string(JsonObject body, String resource, String field) {
    return string(body, resource, field, TextRules.SHORT);
  }

  /**
   * A string field, absent when missing or null; 422 naming the field when present with another
   * type, longer than {@code maxLength} or holding control characters.
   */
  public static Optional<String> string(
      JsonObject body, String resource, String field, int maxLength) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonString text) {
      TextRules.problem(field, text.getString(), maxLength)
          .ifPresent(
              problem -> {
                throw ApiException.invalid(resource, field, "invalid", problem);
              });
      return Optional.of(text.getString());
    }
    throw ApiException.invalid(resource, field, "invalid", field + " must be a string");
  }

  /**
   * A required string field of at most {@link TextRules#SHORT} characters; 422 {@code
   * missing_field} when absent.
   */
  public static String requiredString(JsonObject body, String resource, String field) {
    return requiredString(body, resource, field, TextRules.SHORT);
  }

  /**
   * A required string field of at most {@code maxLength} characters; 422 {@code missing_field} when
   * absent.
   */
  public static String requiredString(
      JsonObject body, String resource, String field, int maxLength) {
    return string(body, resource, field, maxLength)
        .orElseThrow(
            () -> ApiException.invalid(resource, field, "missing_field", field + " is required"));
  }

  /**
   * A whole-number field from {@code min} to {@code max}, absent when missing or null; 422 naming
   * it otherwise.
   */
  public static Optional<Long> integer(
      JsonObject body, String resource, String field, long min, long max) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      BigDecimal decimal = number.bigDecimalValue();
      if (decimal.compareTo(BigDecimal.valueOf(min)) >= 0
          && decimal.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return Optional.of(decimal.longValueExact());
      }
    }
    throw ApiException.invalid(
        resource, field, "invalid", field + " must be a whole number from " + min + " to " + max);
  }
}
