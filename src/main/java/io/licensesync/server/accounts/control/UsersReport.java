package io.licensesync.server.accounts.control;

import io.licensesync.input.Numbers;
import io.licensesync.input.TextRules;
import io.licensesync.server.accounts.entity.AccountEmail;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.ImportReport.LineError;
import io.licensesync.server.accounts.entity.UserAccount;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the site-admin "all users" report CSV into rows, checking every line and collecting every
 * problem rather than stopping at the first, so an admin can fix a file in one go. Columns we do
 * not keep (IP addresses, repository counts …) are read past, never stored.
 */
public final class UsersReport {

  /** The report's header, exactly as a real Server writes it. */
  public static final List<String> HEADER =
      List.of(
          "created_at",
          "id",
          "login",
          "email",
          "role",
          "suspended?",
          "last_logged_ip",
          "repos",
          "ssh_keys",
          "org_memberships",
          "dormant?",
          "last_active",
          "raw_login",
          "2fa_enabled?");

  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);

  private final List<ReportRow> rows = new ArrayList<>();
  private final List<LineError> errors = new ArrayList<>();

  private UsersReport() {}

  /**
   * Parses a whole report into memory, duplicates within the file included; for small files (the
   * sample data, tests). A large file goes through {@link #read} line by line.
   *
   * @throws MalformedReportException when the file is not a CSV with the report's header
   */
  public static UsersReport parse(Reader csv) {
    UsersReport report = new UsersReport();
    Map<Long, Long> ids = new HashMap<>();
    Map<String, Long> logins = new HashMap<>();
    Map<String, Long> emails = new HashMap<>();
    read(
        csv,
        line -> {
          List<String> problems = new ArrayList<>(line.problems());
          if (line.id() > 0 && ids.putIfAbsent(line.id(), line.line()) != null) {
            problems.add(idAgain(line.id(), ids.get(line.id())));
          }
          if (line.loginKey() != null && logins.putIfAbsent(line.loginKey(), line.line()) != null) {
            problems.add(loginAgain(line.login(), logins.get(line.loginKey())));
          }
          if (line.emailKey() != null && emails.putIfAbsent(line.emailKey(), line.line()) != null) {
            problems.add(emailAgain(emails.get(line.emailKey())));
          }
          if (!problems.isEmpty()) {
            report.errors.add(new LineError(line.line(), String.join("; ", problems)));
          } else if (line.row() != null) {
            report.rows.add(line.row());
          }
        });
    return report;
  }

  /**
   * Reads a report line by line, handing each data line to {@code lines} with the problems found in
   * the line itself; duplicates across lines are the caller's to find, by the line's keys.
   *
   * @throws MalformedReportException when the file is not a CSV with the report's header
   */
  public static void read(Reader csv, Consumer<ReportLine> lines) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();
    try (CSVParser parser = CSVParser.parse(csv, format)) {
      boolean header = true;
      for (CSVRecord record : parser) {
        if (header) {
          checkHeader(record);
          header = false;
          continue;
        }
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue;
        }
        lines.accept(line(record));
      }
      if (header) {
        throw new MalformedReportException(
            "The file is empty; expected the header " + String.join(",", HEADER));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new MalformedReportException("The file is not valid CSV: " + e.getMessage());
    }
  }

  /** The problem of a line whose id an earlier line has. */
  public static String idAgain(long id, long firstLine) {
    return "id " + id + " appears again (first on line " + firstLine + ")";
  }

  /** The problem of a line whose login an earlier line has, in any case. */
  public static String loginAgain(String login, long firstLine) {
    return "login '" + login + "' appears again (first on line " + firstLine + ")";
  }

  /** The problem of a line whose email an earlier line has, in any case. */
  public static String emailAgain(long firstLine) {
    return "email appears again (first on line " + firstLine + ")";
  }

  private static void checkHeader(CSVRecord record) {
    List<String> columns = new ArrayList<>();
    record.forEach(c -> columns.add(c.strip().replace("\uFEFF", "")));
    if (!columns.equals(HEADER)) {
      throw new MalformedReportException(
          "The first line must be the report header " + String.join(",", HEADER));
    }
  }

  private static ReportLine line(CSVRecord record) {
    long line = record.getParser().getCurrentLineNumber();
    if (record.size() != HEADER.size()) {
      return new ReportLine(
          line,
          -1,
          null,
          null,
          null,
          List.of("expected " + HEADER.size() + " columns, found " + record.size()),
          null);
    }
    List<String> problems = new ArrayList<>();
    long id = Numbers.whole(record.get(1), 1, Long.MAX_VALUE).orElse(-1L);
    if (id <= 0) {
      problems.add("id must be a positive number of at most 19 digits");
    }
    String login = record.get(2).strip();
    AccountType type = AccountType.ofLogin(login);
    if (!UserAccount.isValidLogin(login, type)) {
      problems.add(
          TextRules.fits(login, TextRules.LOGIN)
              ? "login '" + login + "' is not a valid login"
              : TextRules.problem("login", login, TextRules.LOGIN).orElseThrow());
    }
    String email = record.get(3).strip();
    if (!email.isEmpty() && !AccountEmail.isWellFormed(email)) {
      problems.add("email is not a valid address");
    }
    String role = record.get(4).strip().toLowerCase(Locale.ROOT);
    if (!role.equals("admin") && !role.equals("user")) {
      problems.add("role must be admin or user");
    }
    Boolean suspended = flag(record.get(5));
    if (suspended == null) {
      problems.add("suspended? must be true or false");
    }
    Instant created = time(record.get(0), problems, "created_at", false);
    Instant lastActive = time(record.get(11), problems, "last_active", true);
    ReportRow row =
        problems.isEmpty()
            ? new ReportRow(
                line,
                id,
                login,
                email.isEmpty() ? null : email,
                role.equals("admin"),
                suspended,
                created,
                lastActive)
            : null;
    return new ReportLine(
        line,
        id,
        login,
        login.isEmpty() ? null : UserAccount.keyOf(login),
        email.isEmpty() ? null : AccountEmail.keyOf(email),
        problems,
        row);
  }

  private static Boolean flag(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> Boolean.TRUE;
      case "false", "no", "0", "" -> Boolean.FALSE;
      default -> null;
    };
  }

  /**
   * Accepts the report's own format ({@code 2024-01-09 17:19:06 -0800}), ISO-8601, or a bare date.
   */
  static Instant time(String value, List<String> problems, String column, boolean optional) {
    String text = value.strip();
    if (text.isEmpty()) {
      if (!optional) {
        problems.add(column + " is required");
      }
      return null;
    }
    Instant time = parsed(text);
    if (time == null) {
      problems.add(column + " is not a time such as 2024-01-09 17:19:06 -0800");
    } else if (!Numbers.storable(time)) {
      problems.add(column + " is out of range: years 1970 to 9999");
      return null;
    }
    return time;
  }

  private static Instant parsed(String text) {
    if (text.length() > 64) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, REPORT_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the other accepted forms
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException ignored) {
      // try a bare date
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public List<ReportRow> rows() {
    return rows;
  }

  public List<LineError> errors() {
    return errors;
  }

  /** The file as a whole is unreadable: not CSV, or not the report. */
  public static class MalformedReportException extends RuntimeException {
    public MalformedReportException(String message) {
      super(message);
    }
  }
}
