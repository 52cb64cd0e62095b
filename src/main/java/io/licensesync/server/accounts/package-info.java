/**
 * The Server role's user accounts: logins, email addresses, site admins, suspensions, the seat
 * rules that decide who consumes a license, the GitHub-compatible admin users API and the import of
 * the site-admin "all users" report. Used by the license page and, later, by license sync.
 */
package io.licensesync.server.accounts;
