/**
 * The seat rules that decide who consumes a license, and the reading of the site-admin "all users"
 * report.
 */
package io.licensesync.server.accounts.control;
