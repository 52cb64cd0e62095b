package io.licensesync.cloud.enterprises.control;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import io.licensesync.identity.Emails;
import io.licensesync.identity.Logins;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ErrorBody.ErrorDetail;
import io.licensesync.rest.Validated;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads members as owners provision them, from a JSON array or the equivalent CSV, into profiles;
 * every problem of every item is collected (with the item's index or line) so one answer lists them
 * all, and nothing is applied unless all are valid.
 */
public final class MemberProvisioning {

  /** The CSV header; list columns separate their values with {@code ;}. */
  public static final List<String> CSV_HEADER =
      List.of(
          "login",
          "name",
          "emails",
          "unverified_emails",
          "saml_name_id",
          "enterprise_role",
          "org_roles",
          "pending_invites",
          "private_repo_access",
          "two_factor");

  private static final Pattern ORG_ROLE =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}):(Owner|Member)");
  private static final Pattern ORG = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final int MAX_MEMBERS = 10_000;

  private static final Validator TEXT = Validation.buildDefaultValidatorFactory().getValidator();

  private final List<MemberProfile> profiles = new ArrayList<>();
  private final List<ErrorDetail> errors = new ArrayList<>();
  private final Set<String> logins = new HashSet<>();

  private MemberProvisioning() {}

  public List<MemberProfile> profiles() {
    return profiles;
  }

  public List<ErrorDetail> errors() {
    return errors;
  }

  /** Reads a JSON array of members. */
  public static MemberProvisioning fromJson(JsonValue body) {
    MemberProvisioning result = new MemberProvisioning();
    if (body.getValueType() != JsonValue.ValueType.ARRAY) {
      result.error("", "the body must be a JSON array of members");
      return result;
    }
    JsonArray items = body.asJsonArray();
    if (items.size() > MAX_MEMBERS) {
      result.error("", "at most " + MAX_MEMBERS + " members per request");
      return result;
    }
    for (int i = 0; i < items.size(); i++) {
      String where = "[" + i + "]";
      if (items.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        result.error(where, "each member must be a JSON object");
        continue;
      }
      JsonObject item = items.get(i).asJsonObject();
      List<String> problems = new ArrayList<>();
      List<MemberProfile.Email> emails = new ArrayList<>();
      JsonValue emailList = item.get("emails");
      if (emailList != null && emailList.getValueType() == JsonValue.ValueType.ARRAY) {
        for (JsonValue e : emailList.asJsonArray()) {
          if (e.getValueType() == JsonValue.ValueType.OBJECT
              && e.asJsonObject().get("email") instanceof JsonString s) {
            emails.add(
                new MemberProfile.Email(
                    s.getString(), e.asJsonObject().getBoolean("verified", false)));
          } else {
            problems.add("emails must be objects with an email and a verified flag");
          }
        }
      } else if (emailList != null && emailList.getValueType() != JsonValue.ValueType.NULL) {
        problems.add("emails must be an array");
      }
      result.add(
          where,
          problems,
          text(item, "login", problems),
          text(item, "name", problems),
          emails,
          text(item, "saml_name_id", problems),
          text(item, "enterprise_role", problems),
          list(item, "org_roles", problems),
          list(item, "pending_invites", problems),
          flag(item, "private_repo_access", problems),
          flag(item, "two_factor", problems));
    }
    return result;
  }

  /** Reads the CSV form ({@link #CSV_HEADER}). */
  public static MemberProvisioning fromCsv(Reader csv) {
    MemberProvisioning result = new MemberProvisioning();
    try (CSVParser parser =
        CSVParser.parse(csv, CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get())) {
      boolean header = true;
      for (CSVRecord record : parser) {
        if (header) {
          List<String> columns = new ArrayList<>();
          record.forEach(c -> columns.add(c.strip().replace("\uFEFF", "")));
          if (!columns.equals(CSV_HEADER)) {
            result.error(
                "line 1", "the first line must be the header " + String.join(",", CSV_HEADER));
            return result;
          }
          header = false;
          continue;
        }
        String where = "line " + parser.getCurrentLineNumber();
        if (record.size() != CSV_HEADER.size()) {
          result.error(where, "expected " + CSV_HEADER.size() + " columns, found " + record.size());
          continue;
        }
        List<String> problems = new ArrayList<>();
        List<MemberProfile.Email> emails = new ArrayList<>();
        split(record.get(2)).forEach(e -> emails.add(new MemberProfile.Email(e, true)));
        split(record.get(3)).forEach(e -> emails.add(new MemberProfile.Email(e, false)));
        result.add(
            where,
            problems,
            blankToNull(record.get(0)),
            blankToNull(record.get(1)),
            emails,
            blankToNull(record.get(4)),
            blankToNull(record.get(5)),
            split(record.get(6)),
            split(record.get(7)),
            csvFlag(record.get(8), "private_repo_access", problems),
            csvFlag(record.get(9), "two_factor", problems));
        if (result.profiles.size() + result.errors.size() > MAX_MEMBERS) {
          result.error(where, "at most " + MAX_MEMBERS + " members per request");
          return result;
        }
      }
      if (header) {
        result.error(
            "line 1", "the file is empty; expected the header " + String.join(",", CSV_HEADER));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      result.error("", "the file is not valid CSV: " + e.getMessage());
    }
    return result;
  }

  private void add(
      String where,
      List<String> problems,
      String login,
      String name,
      List<MemberProfile.Email> emails,
      String samlNameId,
      String role,
      List<String> orgRoles,
      List<String> pendingInvites,
      boolean privateRepoAccess,
      boolean twoFactor) {
    if (!Logins.isValid(login)) {
      problems.add("login is missing or not a valid login");
    } else if (!logins.add(Logins.keyOf(login))) {
      problems.add("login " + login + " appears twice");
    }
    MemberText text = new MemberText(name, samlNameId);
    textProblems(text, "name", problems);
    Set<String> seen = new HashSet<>();
    for (MemberProfile.Email email : emails) {
      if (!Emails.isWellFormed(email.address())) {
        problems.add("an email is not a valid address");
      } else if (!seen.add(Emails.keyOf(email.address()))) {
        problems.add("an email appears twice");
      }
    }
    textProblems(text, "samlNameId", problems);
    EnterpriseRole enterpriseRole = null;
    try {
      enterpriseRole =
          EnterpriseRole.ofApiName(role == null ? "" : role.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!orgRoles.stream().allMatch(r -> ORG_ROLE.matcher(r).matches())) {
      problems.add("org_roles must look like org:Owner or org:Member");
    }
    if (!pendingInvites.stream().allMatch(o -> ORG.matcher(o).matches())) {
      problems.add("pending_invites must be organization names");
    }
    if (emails.stream().mapToInt(e -> e.address() == null ? 0 : e.address().length() + 1).sum()
        > TextRules.MEMBER_LISTS) {
      problems.add("emails are longer than " + TextRules.MEMBER_LISTS + " characters together");
    }
    if (String.join(",", orgRoles).length() > TextRules.MEMBER_LISTS) {
      problems.add("org_roles are longer than " + TextRules.MEMBER_LISTS + " characters together");
    }
    if (String.join(",", pendingInvites).length() > TextRules.MEMBER_LISTS) {
      problems.add(
          "pending_invites are longer than " + TextRules.MEMBER_LISTS + " characters together");
    }
    if (!problems.isEmpty()) {
      error(where, String.join("; ", problems));
      return;
    }
    profiles.add(
        new MemberProfile(
            login,
            name,
            List.copyOf(emails),
            samlNameId == null ? null : samlNameId.strip(),
            enterpriseRole,
            List.copyOf(orgRoles),
            List.copyOf(pendingInvites),
            privateRepoAccess,
            twoFactor));
  }

  /** A member's free texts, within their columns and without control characters. */
  record MemberText(
      @Text(max = TextRules.NAME) String name, @Text(max = TextRules.EMAIL) String samlNameId) {}

  private static void textProblems(MemberText text, String property, List<String> problems) {
    Validated.errors("Member", TEXT.validateProperty(text, property)).stream()
        .map(ErrorDetail::message)
        .forEach(problems::add);
  }

  private void error(String where, String message) {
    errors.add(new ErrorDetail("Member", where, "invalid", message));
  }

  private static String text(JsonObject item, String key, List<String> problems) {
    JsonValue value = item.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString().isBlank() ? null : s.getString();
    }
    problems.add(key + " must be a string");
    return null;
  }

  private static List<String> list(JsonObject item, String key, List<String> problems) {
    JsonValue value = item.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (value.getValueType() == JsonValue.ValueType.ARRAY
        && value.asJsonArray().stream().allMatch(v -> v instanceof JsonString)) {
      return value.asJsonArray().stream().map(v -> ((JsonString) v).getString().strip()).toList();
    }
    problems.add(key + " must be an array of strings");
    return List.of();
  }

  private static boolean flag(JsonObject item, String key, List<String> problems) {
    JsonValue value = item.get(key);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value == JsonValue.TRUE
        || value == JsonValue.FALSE
        || value.getValueType() == JsonValue.ValueType.TRUE
        || value.getValueType() == JsonValue.ValueType.FALSE) {
      return value.getValueType() == JsonValue.ValueType.TRUE;
    }
    problems.add(key + " must be true or false");
    return false;
  }

  private static boolean csvFlag(String value, String key, List<String> problems) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0", "" -> false;
      default -> {
        problems.add(key + " must be true or false");
        yield false;
      }
    };
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
