/**
 * What a run sends of an account ({@code UsageAccounts}) and the usage document written to a
 * temporary file a page of accounts at a time ({@code SpooledUsageDocument}).
 */
package io.licensesync.server.licensesync.control;
