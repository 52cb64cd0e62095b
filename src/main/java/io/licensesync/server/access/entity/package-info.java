/**
 * Personal access tokens, kept as SHA-256 digests, each linked to the token it was made with and
 * marked when it impersonates.
 */
package io.licensesync.server.access.entity;
