/**
 * User accounts with their emails and type, and the answers of the user stats API and the report
 * import.
 */
package io.licensesync.server.accounts.entity;
