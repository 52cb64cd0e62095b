/**
 * The license this Server runs under, read from configuration, and the figures of the license API.
 */
package io.licensesync.server.instance.control;
