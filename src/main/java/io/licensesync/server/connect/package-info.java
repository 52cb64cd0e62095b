/**
 * This Server's connection to a Cloud enterprise (GitHub Connect): the connect handshake, the
 * instance credential it receives (encrypted at rest, never logged or returned), disconnecting, and
 * the MicroProfile REST client behind which the Cloud's API stays.
 */
package io.licensesync.server.connect;
