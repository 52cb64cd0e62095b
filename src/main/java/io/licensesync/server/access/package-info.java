/**
 * Who is calling the Server role's REST API: site admins' passwords (hashed) and personal access
 * tokens (stored as digests, each dying with the token it was made with), the filters that
 * authenticate every request and keep admin endpoints to site admins, the throttled and audited
 * sign-ins of the REST API and the sign-in page, and the bootstrap admin created on first start.
 */
package io.licensesync.server.access;
