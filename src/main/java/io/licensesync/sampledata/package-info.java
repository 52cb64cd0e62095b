/**
 * Clearly labelled sample data for a first look: loaded only when the run configuration asks for it
 * ({@code licensesync.sample-data=true}, set by the README's run command) and only into an empty
 * database: Server accounts, a Cloud enterprise with members, and the Server connected to it with
 * license sync disabled. Tests and production never get it.
 */
package io.licensesync.sampledata;
