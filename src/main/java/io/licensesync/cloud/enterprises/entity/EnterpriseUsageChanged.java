package io.licensesync.cloud.enterprises.entity;

/**
 * Fired, synchronously and inside the changing transaction, whenever something that decides an
 * enterprise's consumed licenses changed (members, an instance's usage, an instance removed), so
 * the matching is brought up to date in the same commit. {@code cause} says what changed, in words
 * an owner reads in the list of seat changes (never an email).
 */
public record EnterpriseUsageChanged(long enterpriseId, String cause) {}
