/**
 * License sync and Export license usage: the setting, the schedule's timer, Sync now and the runs,
 * the usage document and its keys, over REST and on the License page.
 */
package io.licensesync.server.licensesync.boundary;
