/**
 * The Cloud seat rules, and the reading of members as owners provision them (JSON or CSV), every
 * problem of every item collected before anything is applied.
 */
package io.licensesync.cloud.enterprises.control;
