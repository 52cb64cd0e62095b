/**
 * The Cloud's API as this Server calls it: the MicroProfile REST client, the gateway that turns
 * every failure into a readable reason and retries uploads, and the check of allowed Cloud URLs.
 */
package io.licensesync.server.connect.control;
