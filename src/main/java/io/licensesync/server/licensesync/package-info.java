/**
 * License sync on the Server: the setting "Server can sync user license count and usage", the
 * weekly schedule and Sync now, the runs and their history, and what a run sends — for each account
 * that consumes a license its id and emails, nothing else.
 */
package io.licensesync.server.licensesync;
