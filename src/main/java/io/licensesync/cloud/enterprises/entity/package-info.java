/**
 * Enterprises, their members with emails and roles, owners' tokens (kept as digests), and the event
 * fired when something that decides an enterprise's consumed licenses changes.
 */
package io.licensesync.cloud.enterprises.entity;
