/**
 * The one row of this instance: its server ID, made at first start, and the keys of its exported
 * license usage files.
 */
package io.licensesync.server.instance.entity;
