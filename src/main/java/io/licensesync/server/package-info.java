/**
 * The Server role: an Enterprise Server instance's accounts, license and, in later capabilities,
 * its connection to a Cloud enterprise and license sync. Talks to the Cloud role over HTTP only.
 */
package io.licensesync.server;
