/**
 * Records changes in the caller's transaction and reads them back, on the Audit page and over REST.
 */
package io.licensesync.server.audit.boundary;
