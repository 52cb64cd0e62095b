/**
 * What all pages share: times in the viewer's zone with the zone named, the same-origin check that
 * refuses forged form posts, and page messages next to fields.
 */
package io.licensesync.web;
