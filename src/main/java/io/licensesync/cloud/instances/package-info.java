/**
 * The Server instances connected to an enterprise: the connect handshake that issues an instance's
 * upload credential, license usage uploads (streamed, atomic, applied once, failures recorded), and
 * the license sync status the real API reports.
 */
package io.licensesync.cloud.instances;
