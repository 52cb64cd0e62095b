/**
 * The Server's audit trail: who changed what setting, when, from what to what; written in the same
 * transaction as the change and readable by site admins over REST.
 */
package io.licensesync.server.audit;
