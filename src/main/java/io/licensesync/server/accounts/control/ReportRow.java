package io.licensesync.server.accounts.control;

import java.time.Instant;

/** One valid line of the site-admin "all users" report, reduced to what an account keeps. */
public record ReportRow(
    long line,
    long id,
    String login,
    String email,
    boolean siteAdmin,
    boolean suspended,
    Instant createdAt,
    Instant lastActive) {}
