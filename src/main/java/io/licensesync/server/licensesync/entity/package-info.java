/**
 * One license sync run: what started it, when it started and finished, how it ended, the accounts
 * it sent and its upload id.
 */
package io.licensesync.server.licensesync.entity;
