/**
 * Records Cloud audit events in the caller's transaction (refusals in their own) and lists them.
 */
package io.licensesync.cloud.audit.boundary;
