/**
 * Enterprise accounts (created by the Cloud's operator), their members as owners provision them,
 * the Cloud seat rules, owners' personal access tokens, and the authentication of every Cloud API
 * request (operator, owner, or connected Server instance).
 */
package io.licensesync.cloud.enterprises;
