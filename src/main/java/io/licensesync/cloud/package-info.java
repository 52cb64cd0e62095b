/**
 * The Cloud role: enterprises with their members and owners, the Server instances connected to them
 * and their license usage uploads, and the consumed licenses of each enterprise, counted once per
 * person. Served at {@code /cloud/api}; talks to Server roles over HTTP only.
 */
package io.licensesync.cloud;
