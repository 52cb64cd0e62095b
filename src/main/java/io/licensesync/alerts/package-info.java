/**
 * Alerts of both roles: raised once per crossing of their condition, cleared when it stops, shown
 * as a banner on the role's pages and over REST.
 */
package io.licensesync.alerts;
