/**
 * Who is calling the Server role's REST API: site admins' passwords (hashed) and personal access
 * tokens (stored as digests), the filters that authenticate every request and keep admin endpoints
 * to site admins, and the bootstrap admin created on first start.
 */
package io.licensesync.server.access;
