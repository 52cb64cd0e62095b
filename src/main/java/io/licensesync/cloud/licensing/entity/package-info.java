/**
 * An enterprise's consumed licenses as matching last stored them, one row per person in a stable
 * order, and the 18 fields the real API shows for each.
 */
package io.licensesync.cloud.licensing.entity;
