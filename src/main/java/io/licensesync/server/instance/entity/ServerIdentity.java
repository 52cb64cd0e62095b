package io.licensesync.server.instance.entity;

/**
 * What names this Server in what it sends and exports: its server ID, hostname and version, as a
 * value the controls that write those documents can take without reaching for the boundary.
 */
public record ServerIdentity(String serverId, String hostname, String version) {}
