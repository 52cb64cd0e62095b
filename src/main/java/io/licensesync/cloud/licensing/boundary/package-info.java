/**
 * The consumed licenses API and CSV report, the Enterprise licensing page, and {@code Licensing},
 * which matches people again inside the transaction whenever members or usage change.
 */
package io.licensesync.cloud.licensing.boundary;
