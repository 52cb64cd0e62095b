/**
 * The one connection of this Server to a Cloud enterprise, with the license sync setting and its
 * schedule.
 */
package io.licensesync.server.connect.entity;
