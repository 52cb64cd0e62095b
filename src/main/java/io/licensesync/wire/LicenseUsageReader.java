package io.licensesync.wire;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

  private LicenseUsageReader() {}

  /**
   * Reads the document, passing accounts to {@code accounts} in order; returns the metadata.
   *
   * @throws InvalidUsageException when the document is not a valid license usage document
   */
  public static LicenseUsage.Metadata read(InputStream in, Consumer<LicenseUsage.Account> accounts) {
    try (JsonParser json = Json.createParser(in)) {
      expect(json, Event.START_OBJECT, "the document must be a JSON object");
      Integer format = null;
      String uploadId = null;
      String serverId = null;
      String hostname = null;
      String version = null;
      String licenseHash = null;
      String publicKey = null;
      Instant generatedAt = null;
      List<LicenseUsage.Feature> features = List.of();
      boolean sawAccounts = false;
      while (next(json) == Event.KEY_NAME) {
        String key = json.getString();
        Event value = next(json);
        switch (key) {
          case "format" -> format = integer(json, value, key);
          case "upload_id" -> uploadId = text(json, value, key);
          case "server_id" -> serverId = text(json, value, key);
          case "hostname" -> hostname = text(json, value, key);
          case "version" -> version = text(json, value, key);
          case "license_hash" -> licenseHash = nullableText(json, value, key);
          case "license_public_key" -> publicKey = nullableText(json, value, key);
          case "generated_at" -> generatedAt = instant(nullableText(json, value, key), key);
          case "features" -> features = features(json, value);
          case "accounts" -> {
            readAccounts(json, value, accounts);
            sawAccounts = true;
          }
          default -> skip(json, value);
        }
      }
      if (format == null || format != LicenseUsage.FORMAT) {
        throw new InvalidUsageException("format must be " + LicenseUsage.FORMAT);
      }
      require(uploadId, "upload_id");
      require(serverId, "server_id");
      require(hostname, "hostname");
      require(version, "version");
      if (!sawAccounts) {
        throw new InvalidUsageException("accounts is missing");
      }
      return new LicenseUsage.Metadata(uploadId, serverId, hostname, version, licenseHash, publicKey, features, generatedAt);
    } catch (JsonParsingException e) {
      throw new InvalidUsageException("the document is not valid JSON (line " + e.getLocation().getLineNumber()
          + ", column " + e.getLocation().getColumnNumber() + ")");
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new InvalidUsageException("the document is not valid JSON");
    }
  }

  private static void readAccounts(JsonParser json, Event start, Consumer<LicenseUsage.Account> accounts) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException("accounts must be an array");
    }
    Set<Long> seen = new HashSet<>();
    int index = 0;
    while (next(json) == Event.START_OBJECT) {
      LicenseUsage.Account account = account(json, index);
      if (!seen.add(account.id())) {
        throw new InvalidUsageException("accounts[" + index + "]: account id " + account.id() + " appears twice");
      }
      accounts.accept(account);
      index++;
    }
    if (json.currentEvent() != Event.END_ARRAY) {
      throw new InvalidUsageException("accounts[" + index + "] must be an object");
    }
  }

  private static LicenseUsage.Account account(JsonParser json, int index) {
    String where = "accounts[" + index + "]";
    Long id = null;
    List<LicenseUsage.Email> emails = List.of();
    while (next(json) == Event.KEY_NAME) {
      String key = json.getString();
      Event value = next(json);
      switch (key) {
        case "id" -> {
          if (value != Event.VALUE_NUMBER || !json.isIntegralNumber() || json.getLong() <= 0) {
            throw new InvalidUsageException(where + ".id must be a positive whole number");
          }
          id = json.getLong();
        }
        case "emails" -> emails = emails(json, value, where);
        default -> skip(json, value);
      }
    }
    if (id == null) {
      throw new InvalidUsageException(where + ".id is missing");
    }
    return new LicenseUsage.Account(id, emails);
  }

  private static List<LicenseUsage.Email> emails(JsonParser json, Event start, String where) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException(where + ".emails must be an array");
    }
    List<LicenseUsage.Email> emails = new ArrayList<>();
    int primaries = 0;
    while (next(json) == Event.START_OBJECT) {
      String address = null;
      boolean primary = false;
      while (next(json) == Event.KEY_NAME) {
        String key = json.getString();
        Event value = next(json);
        switch (key) {
          case "email" -> address = text(json, value, where + ".emails[].email");
          case "primary" -> {
            if (value != Event.VALUE_TRUE && value != Event.VALUE_FALSE) {
              throw new InvalidUsageException(where + ".emails[].primary must be true or false");
            }
            primary = value == Event.VALUE_TRUE;
          }
          default -> skip(json, value);
        }
      }
      if (address == null || address.isBlank() || address.length() > 320 || !address.contains("@")) {
        throw new InvalidUsageException(where + ".emails[" + emails.size() + "] is not an email address");
      }
      primaries += primary ? 1 : 0;
      emails.add(new LicenseUsage.Email(address.strip(), primary));
      if (emails.size() > MAX_EMAILS_PER_ACCOUNT) {
        throw new InvalidUsageException(where + " has more than " + MAX_EMAILS_PER_ACCOUNT + " emails");
      }
    }
    if (json.currentEvent() != Event.END_ARRAY) {
      throw new InvalidUsageException(where + ".emails must hold objects");
    }
    if (!emails.isEmpty() && primaries != 1) {
      throw new InvalidUsageException(where + " must have exactly one primary email, it has " + primaries);
    }
    return emails;
  }

  private static List<LicenseUsage.Feature> features(JsonParser json, Event start) {
    if (start != Event.START_ARRAY) {
      throw new InvalidUsageException("features must be an array");
    }
    List<LicenseUsage.Feature> features = new ArrayList<>();
    while (next(json) == Event.START_OBJECT) {
      String name = null;
      Instant enabledAt = null;
      while (next(json) == Event.KEY_NAME) {
        String key = json.getString();
        Event value = next(json);
        switch (key) {
          case "name" -> name = text(json, value, "features[].name");
          case "enabled_at" -> enabledAt = instant(nullableText(json, value, "features[].enabled_at"), "features[].enabled_at");
          default -> skip(json, value);
        }
      }
      require(name, "features[].name");
      features.add(new LicenseUsage.Feature(name, enabledAt));
    }
    return List.copyOf(features);
  }

  private static Event next(JsonParser json) {
    if (!json.hasNext()) {
      throw new InvalidUsageException("the document ends too early");
    }
    return json.next();
  }

  private static void expect(JsonParser json, Event expected, String message) {
    if (next(json) != expected) {
      throw new InvalidUsageException(message);
    }
  }

  private static String text(JsonParser json, Event value, String key) {
    if (value != Event.VALUE_STRING) {
      throw new InvalidUsageException(key + " must be a string");
    }
    return json.getString();
  }

  private static String nullableText(JsonParser json, Event value, String key) {
    return value == Event.VALUE_NULL ? null : text(json, value, key);
  }

  private static Integer integer(JsonParser json, Event value, String key) {
    if (value != Event.VALUE_NUMBER || !json.isIntegralNumber()) {
      throw new InvalidUsageException(key + " must be a whole number");
    }
    return json.getInt();
  }

  private static Instant instant(String text, String key) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidUsageException(key + " must be an ISO-8601 time such as 2026-11-25T12:00:00Z");
    }
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new InvalidUsageException(key + " is missing");
    }
  }

  private static void skip(JsonParser json, Event value) {
    if (value == Event.START_OBJECT) {
      json.skipObject();
    } else if (value == Event.START_ARRAY) {
      json.skipArray();
    }
  }

  /** The document is not a license usage document; the message says why. */
  public static class InvalidUsageException extends RuntimeException {
    public InvalidUsageException(String message) {
      super(message);
    }
  }
}
