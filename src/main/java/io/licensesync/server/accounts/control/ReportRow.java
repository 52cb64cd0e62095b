package io.licensesync.server.accounts.control;

import java.time.Instant;

/**
 * One valid line of the site-admin "all users" report, reduced to what an account keeps. An import
 * copies it onto the account with that id ({@link UsersReportStaging}): login, email made primary
 * when given, site admin, suspension (a newly suspended account is suspended now, with the import
 * as its reason), creation and last activity times.
 */
public record ReportRow(
    long line,
    long id,
    String login,
    String email,
    boolean siteAdmin,
    boolean suspended,
    Instant createdAt,
    Instant lastActive) {}
