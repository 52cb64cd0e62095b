package io.licensesync.input;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a small JSON text into a JSON-P value, event by event, refusing what the JSON-P readers let
 * through: a key twice in one object, nesting deeper than {@value #MAX_DEPTH}, and numbers of more
 * than {@value #MAX_NUMBER_CHARS} characters or with an exponent beyond ±{@value #MAX_SCALE} (so
 * that {@code 1e999999999} never reaches {@code BigDecimal} arithmetic such as {@code intValue()},
 * which would take minutes). Every server reads the same way, whatever its provider does with
 * duplicates.
 */
public final class StrictJson {

  /** Objects and arrays nested deeper than this are refused; our bodies need 3. */
  public static final int MAX_DEPTH = 32;

  /** The longest number text taken (digits, sign, point and exponent). */
  public static final int MAX_NUMBER_CHARS = 40;

  /** The largest exponent (as a {@code BigDecimal} scale, either sign) taken. */
  public static final int MAX_SCALE = 40;

  /**
   * One provider for every value built: {@code Json.createValue} and the like look the provider up
   * again on each call (a service-loader scan of the class path), which was most of the time of
   * reading a batch of ten thousand members.
   */
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

  private StrictJson() {}

  /** Reads one JSON value (and nothing after it) from {@code text}. */
  public static JsonValue read(Reader text) {
    try (JsonParser parser = PARSERS.createParser(text)) {
      return whole(parser);
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      throw new Refused(Refused.Kind.MALFORMED, null, "not JSON");
    }
  }

  /**
   * Reads one JSON value (and nothing after it) from {@code bytes}, in the encoding JSON-P detects.
   */
  public static JsonValue read(InputStream bytes) {
    try (JsonParser parser = PARSERS.createParser(bytes)) {
      return whole(parser);
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      throw new Refused(Refused.Kind.MALFORMED, null, "not JSON");
    }
  }

  private static JsonValue whole(JsonParser parser) {
    if (!parser.hasNext()) {
      throw new Refused(Refused.Kind.MALFORMED, null, "empty");
    }
    JsonValue value = value(parser, parser.next(), 0, "");
    if (parser.hasNext()) {
      throw new Refused(Refused.Kind.MALFORMED, null, "text after the JSON value");
    }
    return value;
  }

  private static JsonValue value(JsonParser parser, Event event, int depth, String path) {
    switch (event) {
      case START_OBJECT -> {
        checkDepth(depth);
        JsonObjectBuilder object = PROVIDER.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        Event next;
        while ((next = parser.next()) == Event.KEY_NAME) {
          String key = parser.getString();
          String at = path.isEmpty() ? key : path + "." + key;
          if (!keys.add(key)) {
            throw new Refused(
                Refused.Kind.STRUCTURE, shown(at), "the key \"" + shown(key) + "\" appears twice");
          }
          object.add(key, value(parser, parser.next(), depth + 1, at));
        }
        if (next != Event.END_OBJECT) {
          throw new Refused(Refused.Kind.MALFORMED, null, "not JSON");
        }
        return object.build();
      }
      case START_ARRAY -> {
        checkDepth(depth);
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        Event next;
        int index = 0;
        while ((next = parser.next()) != Event.END_ARRAY) {
          array.add(value(parser, next, depth + 1, path + "[" + index++ + "]"));
        }
        return array.build();
      }
      case VALUE_STRING -> {
        return PROVIDER.createValue(parser.getString());
      }
      case VALUE_NUMBER -> {
        return PROVIDER.createValue(
            number(parser.getString(), path.isEmpty() ? "the value" : shown(path)));
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
      default -> throw new Refused(Refused.Kind.MALFORMED, null, "not JSON");
    }
  }

  /** A number's text as a {@code BigDecimal}, refused before it can cost time when it is huge. */
  static BigDecimal number(String text, String field) {
    Refused outOfRange =
        new Refused(
            Refused.Kind.NUMBER,
            field,
            field
                + " is out of range: numbers may have at most "
                + MAX_NUMBER_CHARS
                + " characters and an exponent of at most "
                + MAX_SCALE);
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
      throw new Refused(
          Refused.Kind.STRUCTURE, null, "nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  /**
   * A key or path as it may appear in a message: at most 64 characters, control characters and
   * quotes as {@code ?}.
   */
  public static String shown(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    StringBuilder shown = new StringBuilder(cut.length());
    cut.codePoints()
        .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || c == '"' ? '?' : c));
    return shown.toString();
  }

  /**
   * The text was refused: {@code MALFORMED} (not JSON), {@code STRUCTURE} (a key twice, too deep)
   * or {@code NUMBER} (out of range, {@link #field()} names where).
   */
  public static final class Refused extends RuntimeException {

    /** What kind of problem the text has. */
    public enum Kind {
      MALFORMED,
      STRUCTURE,
      NUMBER
    }

    private final Kind kind;
    private final String field;

    Refused(Kind kind, String field, String message) {
      super(message);
      this.kind = kind;
      this.field = field;
    }

    public Kind kind() {
      return kind;
    }

    /** The field (a path such as {@code owner.emails[0].email}) at fault, or null. */
    public String field() {
      return field;
    }
  }
}
