/**
 * The Cloud's audit log, one per enterprise: what owners, the operator and connected instances
 * changed or were refused, read by the enterprise's owners over REST ({@code GET
 * /enterprises/{enterprise}/audit-log}).
 */
package io.licensesync.cloud.audit;
