/**
 * Matching Server accounts and Cloud members into people ({@code PersonMatcher}) and the consumed
 * licenses CSV, streamed and with no cell a spreadsheet reads as a formula.
 */
package io.licensesync.cloud.licensing.control;
