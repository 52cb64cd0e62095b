/**
 * Who is calling the Cloud role's REST API: the operator (one secret from configuration), an
 * enterprise owner (personal access token), or a connected Server instance (its upload credential);
 * and the checks each endpoint makes, with the real system's answers (401 without a credential, 404
 * for another enterprise).
 */
package io.licensesync.cloud.access;
