/**
 * The server instances API (connect handshake, list, disconnect, license usage uploads), the
 * license sync status API, the enterprise's license usage key, and the intakes that apply usage in
 * one transaction: {@code UsageIntake} for uploads, {@code ExportFileIntake} for Add server usage.
 */
package io.licensesync.cloud.instances.boundary;
