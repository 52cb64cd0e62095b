/**
 * Connected Server instances (identity, the digest of their upload credential, the last sync and
 * how it arrived) and the accounts of each instance's latest usage.
 */
package io.licensesync.cloud.instances.entity;
