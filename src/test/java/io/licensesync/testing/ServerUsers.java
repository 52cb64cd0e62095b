package io.licensesync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes a Server account count as having signed in, as the tests need for the seat rules. Accounts
 * made through the admin API have no password and impersonating them is not their activity, so the
 * tests say so the way an admin could: a users report line with the account's last activity.
 */
public final class ServerUsers {

  private static final String HEADER =
      "created_at,id,login,email,role,suspended?,last_logged_ip,repos,ssh_keys,org_memberships,dormant?,last_active,raw_login,2fa_enabled?\n";
  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx").withZone(ZoneOffset.UTC);

  private ServerUsers() {}

  /**
   * Records that the account {@code login} was active just now (through {@code admin}, a site
   * admin's client).
   */
  public static void activeNow(Api admin, String login) {
    activeAt(admin, login, Instant.now());
  }

  /**
   * Records that the account {@code login} was last active at {@code at} — in the past, it makes
   * the account dormant without waiting for the threshold to pass.
   */
  public static void activeAt(Api admin, String login, Instant at) {
    Api.Reply user = admin.get("api/v3/users/" + login);
    if (user.status() != 200) {
      throw new AssertionError("no such user: " + user);
    }
    JsonNode json = user.json();
    String line =
        String.join(
            ",",
            REPORT_TIME.format(earlier(Instant.parse(json.get("created_at").asText()), at)),
            json.get("id").asText(),
            json.get("login").asText(),
            json.path("email").asText(""),
            json.get("site_admin").asBoolean() ? "admin" : "user",
            "false",
            "",
            "0",
            "0",
            "0",
            "false",
            REPORT_TIME.format(at),
            json.get("login").asText(),
            "false");
    Api.Reply imported =
        admin.send("POST", "api/v3/admin/users/imports", "text/csv", HEADER + line + "\n");
    if (imported.status() != 200 || imported.json().get("updated").asInt() != 1) {
      throw new AssertionError("could not mark " + login + " active: " + imported);
    }
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
