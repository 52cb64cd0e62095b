/**
 * How an instance's last sync reads on the licensing page, and the clock that refuses a usage
 * without a date or dated further in the future than the allowed clock skew.
 */
package io.licensesync.cloud.instances.control;
