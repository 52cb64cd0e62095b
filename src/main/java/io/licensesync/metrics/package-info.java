/**
 * The application's own measurements, kept in memory per node: counters and histograms of what
 * happened (sync runs, uploads, imports, throttled sign-ins) and the last tick of each timer. Any
 * feature records into it; {@code monitoring} reads it. Depends on nothing of the application.
 */
package io.licensesync.metrics;
