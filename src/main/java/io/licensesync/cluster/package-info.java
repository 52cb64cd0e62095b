/** The application nodes sharing one database: each node's identity and its heartbeat. */
package io.licensesync.cluster;
