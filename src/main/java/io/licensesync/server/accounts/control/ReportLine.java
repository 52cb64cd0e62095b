package io.licensesync.server.accounts.control;

import java.util.List;

/**
 * One data line of the users report as read on its own: the id, login and email keys it claims
 * (which a later line may not claim again), the problems found in the line itself, and the row it
 * stands for when it has none.
 *
 * @param id the line's id, or -1 when it is not a positive number
 * @param login the login as written (stripped), or null when the line has the wrong column count
 * @param loginKey the login's key, or null when the line has no login
 * @param emailKey the email's key, or null when the line has no email
 * @param row the valid row, or null when the line has problems
 */
public record ReportLine(
    long line,
    long id,
    String login,
    String loginKey,
    String emailKey,
    List<String> problems,
    ReportRow row) {}
