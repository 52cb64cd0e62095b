/** The application's clock, replaceable in tests. */
package io.licensesync.time;
