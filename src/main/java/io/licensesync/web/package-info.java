/**
 * What all pages share: times in the viewer's zone with the zone named, the same-origin check that
 * refuses forged form posts, and page messages next to fields; and, for pages and REST APIs alike,
 * the limits every request body is held to while it is read ({@link
 * io.licensesync.web.BodyLimits}).
 */
package io.licensesync.web;
