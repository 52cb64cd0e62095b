/**
 * What both roles' audit trails share: the recorded event's columns and its rule that no email
 * address is ever kept, the filter by actor, action and time, the CSV, and the retention timer.
 * Each role keeps its own table and records its own events.
 */
package io.licensesync.audit;
