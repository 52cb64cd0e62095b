package io.licensesync.rest;

import io.licensesync.input.TextRules;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of small JSON request bodies, with GitHub's answers: 400 "Problems parsing JSON"
 * for what is not JSON, for a key that appears twice in one object and for nesting deeper than
 * {@value #MAX_DEPTH} levels; 422 naming the field for a number of more than {@value
 * #MAX_NUMBER_CHARS} characters or an exponent beyond ±{@value #MAX_SCALE} (so that {@code
 * 1e999999999} never reaches {@code BigDecimal} arithmetic), and for a field of the wrong type, too
 * long, or holding control characters. The body is read event by event with JSON-P's parser, so
 * every server reads it the same way, whatever its JSON-P provider does with duplicates.
 */
public final class JsonBodies {

  /** Objects and arrays nested deeper than this are refused; our bodies need 3. */
  public static final int MAX_DEPTH = 32;
  /** The longest number text taken (digits, sign, point and exponent). */
  public static final int MAX_NUMBER_CHARS = 40;
  /** The largest exponent (as a {@code BigDecimal} scale, either sign) taken. */
  public static final int MAX_SCALE = 40;

  private static final String PROBLEMS = "Problems parsing JSON";
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private JsonBodies() {}

  /** The body as an object; an empty body reads as an empty object, as GitHub allows for optional bodies. */
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
    try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
      if (!parser.hasNext()) {
        throw ApiException.badRequest(PROBLEMS);
      }
      JsonValue value = read(parser, parser.next(), 0, "");
      if (parser.hasNext()) {
        throw ApiException.badRequest(PROBLEMS);
      }
      return value;
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      throw ApiException.badRequest(PROBLEMS);
    }
  }

  private static JsonValue read(JsonParser parser, Event event, int depth, String path) {
    switch (event) {
      case START_OBJECT -> {
        checkDepth(depth);
        JsonObjectBuilder object = Json.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        Event next;
        while ((next = parser.next()) == Event.KEY_NAME) {
          String key = parser.getString();
          if (!keys.add(key)) {
            throw ApiException.badRequest(PROBLEMS + ": the key \"" + shown(key) + "\" appears twice");
          }
          object.add(key, read(parser, parser.next(), depth + 1, path.isEmpty() ? key : path + "." + key));
        }
        expect(next, Event.END_OBJECT);
        return object.build();
      }
      case START_ARRAY -> {
        checkDepth(depth);
        JsonArrayBuilder array = Json.createArrayBuilder();
        Event next;
        int index = 0;
        while ((next = parser.next()) != Event.END_ARRAY) {
          array.add(read(parser, next, depth + 1, path + "[" + index++ + "]"));
        }
        return array.build();
      }
      case VALUE_STRING -> {
        return Json.createValue(parser.getString());
      }
      case VALUE_NUMBER -> {
        return Json.createValue(number(parser.getString(), path.isEmpty() ? "the value" : shown(path)));
      }
      case VALUE_TRUE -> {
        return JsonValue.TRUE;
      }
      case VALUE_FALSE -> {
        return JsonValue.FALSE;
      }
      case VALUE_NULL -> {
        return JsonValue.NULL;
      }
      default -> throw ApiException.badRequest(PROBLEMS);
    }
  }

  /** A number's text as a {@code BigDecimal}, refused before it can cost time when it is huge. */
  static BigDecimal number(String text, String field) {
    ApiException outOfRange =
        ApiException.invalid("Body", field, "invalid",
            field + " is out of range: numbers may have at most " + MAX_NUMBER_CHARS + " characters and an exponent of at most " + MAX_SCALE);
    if (text.length() > MAX_NUMBER_CHARS) {
      throw outOfRange;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw outOfRange;
    }
    if (Math.abs((long) value.scale()) > MAX_SCALE) {
      throw outOfRange;
    }
    return value;
  }

  private static void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw ApiException.badRequest(PROBLEMS + ": nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private static void expect(Event actual, Event expected) {
    if (actual != expected) {
      throw ApiException.badRequest(PROBLEMS);
    }
  }

  /** A key or path as it may appear in a message: at most 64 characters, control characters as {@code ?}. */
  private static String shown(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    StringBuilder shown = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || c == '"' ? '?' : c));
    return shown.toString();
  }

  /** A string field of at most {@link TextRules#SHORT} characters, absent when missing or null. */
  public static Optional<String> string(JsonObject body, String resource, String field) {
    return string(body, resource, field, TextRules.SHORT);
  }

  /**
   * A string field, absent when missing or null; 422 naming the field when present with another
   * type, longer than {@code maxLength} or holding control characters.
   */
  public static Optional<String> string(JsonObject body, String resource, String field, int maxLength) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonString text) {
      TextRules.problem(field, text.getString(), maxLength).ifPresent(problem -> {
        throw ApiException.invalid(resource, field, "invalid", problem);
      });
      return Optional.of(text.getString());
    }
    throw ApiException.invalid(resource, field, "invalid", field + " must be a string");
  }

  /** A required string field of at most {@link TextRules#SHORT} characters; 422 {@code missing_field} when absent. */
  public static String requiredString(JsonObject body, String resource, String field) {
    return requiredString(body, resource, field, TextRules.SHORT);
  }

  /** A required string field of at most {@code maxLength} characters; 422 {@code missing_field} when absent. */
  public static String requiredString(JsonObject body, String resource, String field, int maxLength) {
    return string(body, resource, field, maxLength)
        .orElseThrow(() -> ApiException.invalid(resource, field, "missing_field", field + " is required"));
  }

  /** A whole-number field from {@code min} to {@code max}, absent when missing or null; 422 naming it otherwise. */
  public static Optional<Long> integer(JsonObject body, String resource, String field, long min, long max) {
    JsonValue value = body.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      BigDecimal decimal = number.bigDecimalValue();
      if (decimal.compareTo(BigDecimal.valueOf(min)) >= 0 && decimal.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return Optional.of(decimal.longValueExact());
      }
    }
    throw ApiException.invalid(resource, field, "invalid", field + " must be a whole number from " + min + " to " + max);
  }
}
