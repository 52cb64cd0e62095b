/**
 * Writing CSV that spreadsheets open safely, shared by both roles' reports (the Cloud's consumed
 * licenses, the Server's dormant seats and audit trail).
 */
package io.licensesync.csv;
