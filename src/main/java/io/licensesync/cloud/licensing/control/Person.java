package io.licensesync.cloud.licensing.control;

import io.licensesync.cloud.enterprises.entity.Member;
import java.util.List;

/**
 * One person who consumes one license: a Cloud member (when matched or consuming on the Cloud) and
 * any number of Server accounts, or Server accounts only.
 */
public record Person(
    Member member, boolean consumesCloudSeat, List<ServerAccount> serverAccounts) {}
