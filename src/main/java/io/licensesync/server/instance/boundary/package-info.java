/**
 * This instance's identity (server ID, hostname, version) and the license API {@code GET
 * /enterprise/settings/license}.
 */
package io.licensesync.server.instance.boundary;
