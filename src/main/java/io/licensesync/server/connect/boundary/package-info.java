/**
 * GitHub Connect over REST and on its page, and {@code Connections}, which connects this Server to
 * a Cloud enterprise and disconnects it.
 */
package io.licensesync.server.connect.boundary;
