/**
 * This Server instance's identity (a server ID made once and persisted, hostname and version from
 * configuration) and its license, served as {@code GET /api/v3/enterprise/settings/license} exactly
 * as a real Server answers it.
 */
package io.licensesync.server.instance;
