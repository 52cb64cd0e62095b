package io.licensesync.wire;

import io.licensesync.input.Numbers;
import io.licensesync.input.StrictJson;
import io.licensesync.input.TextRules;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a license usage document as a stream, handing each account to a consumer as soon as it is
 * read, so the receiver never holds the whole document. Checks the shape strictly and says what is
 * wrong in words an operator can act on; fields it does not know are skipped, never stored.
 */
public final class LicenseUsageReader {

  private static final int MAX_EMAILS_PER_ACCOUNT = 100;

  /** Objects and arrays nested deeper than this are refused; the document needs 4. */
  public static final int MAX_DEPTH = 32;

  /** The longest {@code upload_id} and {@code server_id} ({@code connected_instance} columns). */
  private static final int MAX_ID = 64;

  /** The longest {@code license_public_key} ({@code connected_instance.signing_key}). */
  private static final int MAX_PUBLIC_KEY = 2000;

  private final Set<String> ARRAY = Set.of();

  private final JsonParser json;

  /**
   * The keys seen in each open object (and {@link #ARRAY} for each open array), innermost first.
   */
  private final Deque<Set<String>> open = new ArrayDeque<>();

  private LicenseUsageReader(JsonParser json) {
    this.json = json;
  }

  /**
   * Reads the document, passing accounts to {@code accounts} in order; returns the metadata.
   *
   * @throws InvalidUsageException when the document is not a valid license usage document
   */
  public static LicenseUsageDocument.Metadata read(
      InputStream in, Consumer<LicenseUsageDocument.Account> accounts) {
    try (JsonParser json = Json.createParser(in)) {
      return new LicenseUsageReader(json).document(accounts);
    } catch (JsonParsingException e) {
      throw new InvalidUsageException(
          "the document is not valid JSON (line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber()
              + ")");
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new InvalidUsageException("the document is not valid JSON");
    }
  }

  private LicenseUsageDocument.Metadata document(Consumer<LicenseUsageDocument.Account> accounts) {
    expect(json, Event.START_OBJECT, "the document must be a JSON object");
    Integer format = null;
    String uploadId = null;
    String serverId = null;
    String hostname = null;
    String version = null;
    String licenseHash = null;
    String publicKey = null;
    Instant generatedAt = null;
    List<LicenseUsageDocument.Feature> features = List.of();
    boolean sawAccounts = false;
    while (next(json) == Event.KEY_NAME) {
      String key = json.getString();
      Event value = next(json);
      switch (key) {
        case "format" -> format = integer(json, value, key);
        case "upload_id" -> uploadId = text(json, value, key, MAX_ID);
        case "server_id" -> serverId = text(json, value, key, MAX_ID);
        case "hostname" -> hostname = text(json, value, key, TextRules.HOSTNAME);
        case "version" -> version = text(json, value, key, TextRules.VERSION);
        case "license_hash" -> licenseHash = nullableText(json, value, key, TextRules.SHORT);
        case "license_public_key" -> publicKey = nullableText(json, value, key, MAX_PUBLIC_KEY);
        case "generated_at" ->
            generatedAt = instant(nullableText(json, value, key, TextRules.SHORT), key);
        case "features" -> features = features(json, value);
        case "accounts" -> {
          readAccounts(json, value, accounts);
          sawAccounts = true;
        }
        default -> skip(json, value);
      }
    }
    if (format == null || format != LicenseUsageDocument.FORMAT) {
      throw new InvalidUsageException("format must be " + LicenseUsageDocument.FORMAT);
    }
    require(uploadId, "upload_id");
    require(serverId, "server_id");
    require(hostname, "hostname");
    require(version, "version");
    if (!sawAccounts) {
      throw new InvalidUsageException("accounts is missing");
    }
    if (json.hasNext()) {
      throw new InvalidUsageException("the document goes on after its closing brace");
    }
    return new LicenseUsageDocument.Metadata(
        uploadId, serverId, hostname, version, licenseHash, publicKey, features, generatedAt);
  }

  private void readAccounts(
      JsonParser json, Event start, Consumer<LicenseUsageDocument.Account> accounts) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException("accounts must be an array");
    }
    Set<Long> seen = new HashSet<>();
    int index = 0;
    while (next(json) == Event.START_OBJECT) {
      LicenseUsageDocument.Account account = account(json, index);
      if (!seen.add(account.id())) {
        throw new InvalidUsageException(
            "accounts[" + index + "]: account id " + account.id() + " appears twice");
      }
      accounts.accept(account);
      index++;
    }
    if (json.currentEvent() != Event.END_ARRAY) {
      throw new InvalidUsageException("accounts[" + index + "] must be an object");
    }
  }

  private LicenseUsageDocument.Account account(JsonParser json, int index) {
    String where = "accounts[" + index + "]";
    Long id = null;
    List<LicenseUsageDocument.Email> emails = List.of();
    while (next(json) == Event.KEY_NAME) {
      String key = json.getString();
      Event value = next(json);
      switch (key) {
        case "id" -> {
          if (value != Event.VALUE_NUMBER) {
            throw new InvalidUsageException(where + ".id must be a positive whole number");
          }
          id =
              Numbers.whole(json.getString(), 1, Long.MAX_VALUE)
                  .orElseThrow(
                      () ->
                          new InvalidUsageException(
                              where + ".id",
                              where + ".id must be a positive whole number of at most 19 digits"));
        }
        case "emails" -> emails = emails(json, value, where);
        default -> skip(json, value);
      }
    }
    if (id == null) {
      throw new InvalidUsageException(where + ".id is missing");
    }
    return new LicenseUsageDocument.Account(id, emails);
  }

  private List<LicenseUsageDocument.Email> emails(JsonParser json, Event start, String where) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException(where + ".emails must be an array");
    }
    List<LicenseUsageDocument.Email> emails = new ArrayList<>();
    int primaries = 0;
    while (next(json) == Event.START_OBJECT) {
      String address = null;
      boolean primary = false;
      while (next(json) == Event.KEY_NAME) {
        String key = json.getString();
        Event value = next(json);
        switch (key) {
          case "email" ->
              address =
                  text(
                      json, value, where + ".emails[" + emails.size() + "].email", TextRules.EMAIL);
          case "primary" -> {
            if (value != Event.VALUE_TRUE && value != Event.VALUE_FALSE) {
              throw new InvalidUsageException(where + ".emails[].primary must be true or false");
            }
            primary = value == Event.VALUE_TRUE;
          }
          default -> skip(json, value);
        }
      }
      if (address == null
          || address.isBlank()
          || address.length() > 320
          || !address.contains("@")) {
        throw new InvalidUsageException(
            where + ".emails[" + emails.size() + "] is not an email address");
      }
      primaries += primary ? 1 : 0;
      emails.add(new LicenseUsageDocument.Email(address.strip(), primary));
      if (emails.size() > MAX_EMAILS_PER_ACCOUNT) {
        throw new InvalidUsageException(
            where + " has more than " + MAX_EMAILS_PER_ACCOUNT + " emails");
      }
    }
    if (json.currentEvent() != Event.END_ARRAY) {
      throw new InvalidUsageException(where + ".emails must hold objects");
    }
    if (!emails.isEmpty() && primaries != 1) {
      throw new InvalidUsageException(
          where + " must have exactly one primary email, it has " + primaries);
    }
    return emails;
  }

  private List<LicenseUsageDocument.Feature> features(JsonParser json, Event start) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException("features must be an array");
    }
    List<LicenseUsageDocument.Feature> features = new ArrayList<>();
    while (next(json) == Event.START_OBJECT) {
      String name = null;
      Instant enabledAt = null;
      while (next(json) == Event.KEY_NAME) {
        String key = json.getString();
        Event value = next(json);
        switch (key) {
          case "name" -> name = text(json, value, "features[].name", TextRules.SHORT);
          case "enabled_at" ->
              enabledAt =
                  instant(
                      nullableText(json, value, "features[].enabled_at", TextRules.SHORT),
                      "features[].enabled_at");
          default -> skip(json, value);
        }
      }
      require(name, "features[].name");
      features.add(new LicenseUsageDocument.Feature(name, enabledAt));
    }
    return List.copyOf(features);
  }

  /**
   * The next event, keeping count of the open objects and arrays: deeper than {@value #MAX_DEPTH}
   * or a key twice in one object is refused, whether or not the reader uses that part.
   */
  private Event next(JsonParser json) {
    if (!json.hasNext()) {
      throw new InvalidUsageException("the document ends too early");
    }
    Event event = json.next();
    switch (event) {
      case START_OBJECT, START_ARRAY -> {
        if (open.size() >= MAX_DEPTH) {
          throw new InvalidUsageException(
              "the document is nested deeper than " + MAX_DEPTH + " levels");
        }
        open.push(event == Event.START_OBJECT ? new HashSet<>() : ARRAY);
      }
      case END_OBJECT, END_ARRAY -> open.pop();
      case KEY_NAME -> {
        if (!open.peek().add(json.getString())) {
          throw new InvalidUsageException(
              "the key \"" + StrictJson.shown(json.getString()) + "\" appears twice in one object");
        }
      }
      default -> {
        // a value: nothing to count
      }
    }
    return event;
  }

  private void expect(JsonParser json, Event expected, String message) {
    if (next(json) != expected) {
      throw new InvalidUsageException(message);
    }
  }

  private String text(JsonParser json, Event value, String key, int maxLength) {
    if (value != Event.VALUE_STRING) {
      throw new InvalidUsageException(key + " must be a string");
    }
    String text = json.getString();
    TextRules.problem(key, text, maxLength)
        .ifPresent(
            problem -> {
              throw new InvalidUsageException(key, problem);
            });
    return text;
  }

  private String nullableText(JsonParser json, Event value, String key, int maxLength) {
    return value == Event.VALUE_NULL ? null : text(json, value, key, maxLength);
  }

  private Integer integer(JsonParser json, Event value, String key) {
    if (value != Event.VALUE_NUMBER) {
      throw new InvalidUsageException(key + " must be a whole number");
    }
    return Numbers.whole(json.getString(), Integer.MIN_VALUE, Integer.MAX_VALUE)
        .orElseThrow(() -> new InvalidUsageException(key, key + " must be a whole number"))
        .intValue();
  }

  private Instant instant(String text, String key) {
    if (text == null) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidUsageException(
          key, key + " must be an ISO-8601 time such as 2026-11-25T12:00:00Z");
    }
    if (!Numbers.storable(time)) {
      throw new InvalidUsageException(key, key + " is out of range: years 1970 to 9999");
    }
    return time;
  }

  private void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new InvalidUsageException(key + " is missing");
    }
  }

  /**
   * Reads past a value the reader does not use, through {@link #next} so its limits hold there too.
   */
  private void skip(JsonParser json, Event value) {
    if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
      int level = open.size();
      while (open.size() >= level) {
        next(json);
      }
    }
  }

  /** The document is not a license usage document; the message says why. */
  public static class InvalidUsageException extends RuntimeException {

    private final String field;

    public InvalidUsageException(String message) {
      this("document", message);
    }

    /** The document's field at fault ({@code hostname}, {@code accounts[3].id} …) and why. */
    public InvalidUsageException(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The field at fault, or {@code document} when the fault is the document's shape. */
    public String field() {
      return field;
    }
  }
}
