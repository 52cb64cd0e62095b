/**
 * What the audit trail can be asked for: the filter by actor, action and time that the REST API,
 * the CSV and the Audit page share.
 */
package io.licensesync.server.audit.control;
