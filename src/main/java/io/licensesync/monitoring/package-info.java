/**
 * What operators and probes read: {@code /health} (anyone: UP or DOWN; a site admin or the Cloud
 * operator: each check's detail) and {@code /metrics} (Prometheus text, for a site admin or the
 * Cloud operator only), served by this WAR instead of Payara's own endpoints, which would show
 * anyone the server's internals.
 */
package io.licensesync.monitoring;
