/**
 * Authentication of every Server request by password or token, the tokens and impersonation APIs,
 * the sign-in page and session, the gates that keep pages, page actions and admin endpoints to site
 * admins, and the bootstrap admin.
 */
package io.licensesync.server.access.boundary;
