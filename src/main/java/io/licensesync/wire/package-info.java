/**
 * What travels between a Server and a Cloud, the only code both roles share: the license usage
 * document (instance metadata, then each consuming account's id and emails with the primary one
 * marked, nothing else personal), written and read as a stream so its size does not matter.
 */
package io.licensesync.wire;
