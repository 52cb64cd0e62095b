package io.licensesync.server.connect.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Judges one answer of the Cloud: only a 2xx with the JSON object that was asked for is a success.
 * A redirect is never followed (it would carry the credential elsewhere) and fails naming where it
 * pointed; a 5xx is worth retrying; a 4xx is a refusal with the Cloud's own message; a 2xx that is
 * not a JSON object fails with what came instead — status, content type, and its first characters
 * with anything that looks like a secret cut out — and is not retried, as retrying cannot help.
 */
final class CloudAnswer {

  /** How much of an answer is read at most: the Cloud's answers are a few hundred bytes. */
  static final int MAX_BYTES = 1_048_576;

  /** Long unbroken runs of token-like characters: a credential, a token, a key. */
  private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_\\-+/=.~]{16,}");

  private static final int SHOWN_CHARACTERS = 80;

  private CloudAnswer() {}

  /**
   * The JSON object of a successful answer, or the {@link CloudFailure} that says what was wrong
   * with it. {@code body} is what was read of the answer (at most {@link #MAX_BYTES}).
   */
  static JsonObject judge(
      int status,
      String contentType,
      String location,
      String retryAfter,
      byte[] body,
      boolean cutOff) {
    if (status >= 300 && status < 400) {
      throw new CloudFailure.Malformed(
          "the Cloud redirected to "
              + (location == null ? "nowhere (no Location)" : place(location))
              + " (HTTP "
              + status
              + "); redirects are not followed, as they would take the credential elsewhere");
    }
    if (status >= 500) {
      throw new CloudFailure.Unavailable(
          "the Cloud failed with HTTP " + status + ": " + message(body), null);
    }
    if ((status == 409 || status == 429) && retryAfter != null) {
      // busy, not refusing: e.g. another upload of this instance is being applied
      throw new CloudFailure.Unavailable(
          "the Cloud asked to try again later (HTTP " + status + "): " + message(body), null);
    }
    if (status >= 400) {
      throw new CloudFailure.Rejected(
          status, "the Cloud refused the request (HTTP " + status + "): " + message(body));
    }
    if (cutOff) {
      throw new CloudFailure.Unavailable(
          "the Cloud's answer (HTTP " + status + ") was cut off after " + body.length + " bytes",
          null);
    }
    if (status == 204 || body.length == 0) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = Json.createReader(new StringReader(text(body)))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object) {
        return object;
      }
      throw new JsonException("not an object");
    } catch (JsonException | IllegalStateException notJson) {
      throw unexpected(status, contentType, body, "is not the JSON object expected");
    }
  }

  /** The string {@code field} of a successful answer, or a failure saying it is missing. */
  static String requiredString(JsonObject answer, String field, String what) {
    if (answer.get(field) instanceof JsonString string && !string.getString().isBlank()) {
      return string.getString();
    }
    throw new CloudFailure.Malformed("the Cloud's answer to " + what + " held no " + field);
  }

  /** The object {@code field} of a successful answer, or a failure saying it is missing. */
  static JsonObject requiredObject(JsonObject answer, String field, String what) {
    if (answer.get(field) instanceof JsonObject object) {
      return object;
    }
    throw new CloudFailure.Malformed("the Cloud's answer to " + what + " held no " + field);
  }

  private static CloudFailure unexpected(int status, String contentType, byte[] body, String why) {
    return new CloudFailure.Malformed(
        "the Cloud answered HTTP "
            + status
            + " ("
            + (contentType == null ? "no content type" : plain(contentType))
            + ", "
            + body.length
            + " bytes) with something that "
            + why
            + ": «"
            + shown(text(body))
            + "»");
  }

  /** The Cloud's own message from an error answer (GitHub's error body), if it has one. */
  private static String message(byte[] body) {
    try (JsonReader reader = Json.createReader(new StringReader(text(body)))) {
      JsonObject json = reader.readObject();
      String message = json.getString("message", "no message");
      if (json.get("errors") instanceof jakarta.json.JsonArray errors
          && !errors.isEmpty()
          && errors.get(0) instanceof JsonObject first) {
        message += " — " + first.getString("message", "");
      }
      return shown(message);
    } catch (RuntimeException unreadable) {
      return "no readable message";
    }
  }

  /** Where a redirect points, without its query, fragment or user info (which may hold secrets). */
  static String place(String location) {
    try {
      java.net.URI uri = java.net.URI.create(location.strip());
      String where =
          (uri.getScheme() == null ? "" : uri.getScheme() + "://")
              + (uri.getHost() == null ? "" : uri.getHost())
              + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
              + (uri.getRawPath() == null ? "" : uri.getRawPath());
      return plain(where);
    } catch (IllegalArgumentException unreadable) {
      return "an address that is not a URL";
    }
  }

  /** At most the first characters, on one line. */
  private static String plain(String text) {
    String line = text.replaceAll("\\p{Cntrl}+", " ");
    return line.length() > SHOWN_CHARACTERS ? line.substring(0, SHOWN_CHARACTERS) + "…" : line;
  }

  /** At most the first characters, one line, with secret-like runs cut out. */
  static String shown(String text) {
    String line =
        text.length() > 4 * SHOWN_CHARACTERS ? text.substring(0, 4 * SHOWN_CHARACTERS) : text;
    line = SECRET_LIKE.matcher(line.replaceAll("\\p{Cntrl}+", " ")).replaceAll("…");
    return line.length() > SHOWN_CHARACTERS ? line.substring(0, SHOWN_CHARACTERS) + "…" : line;
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
