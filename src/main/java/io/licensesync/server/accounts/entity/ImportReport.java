package io.licensesync.server.accounts.entity;

import java.util.List;

/**
 * The answer to an import of the "all users" report: how many accounts it created, updated and left
 * as they were, and every line it refused with the reason.
 */
public record ImportReport(
    int created, int updated, int unchanged, boolean applied, List<LineError> errors) {

  /** A refused line of the file (1 is the header) and why. */
  public record LineError(long line, String message) {}
}
