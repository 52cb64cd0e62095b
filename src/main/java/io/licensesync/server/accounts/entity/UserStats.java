package io.licensesync.server.accounts.entity;

/** The body of {@code GET /enterprise/stats/users}, as on a real Server. */
public record UserStats(long totalUsers, long adminUsers, long suspendedUsers) {}
