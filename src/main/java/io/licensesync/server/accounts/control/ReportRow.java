package io.licensesync.server.accounts.control;

import io.licensesync.database.StoredTime;
import io.licensesync.server.accounts.entity.UserAccount;
import java.time.Instant;
import java.util.Objects;

/** One valid line of the site-admin "all users" report, reduced to what an account keeps. */
public record ReportRow(
    long line,
    long id,
    String login,
    String email,
    boolean siteAdmin,
    boolean suspended,
    Instant createdAt,
    Instant lastActive) {

  /** Copies this line onto {@code account}; true when anything changed. */
  public boolean applyTo(UserAccount account) {
    boolean changed = false;
    if (!account.login().equals(login)) {
      account.rename(login);
      changed = true;
    }
    if (email != null && !Objects.equals(account.primaryEmail().orElse(null), email)) {
      account.setPrimaryEmail(email);
      changed = true;
    }
    if (account.siteAdmin() != siteAdmin) {
      account.setSiteAdmin(siteAdmin);
      changed = true;
    }
    if (account.suspended() != suspended) {
      if (suspended) {
        account.suspend("Suspended in the imported users report", StoredTime.now());
      } else {
        account.unsuspend();
      }
      changed = true;
    }
    if (!account.createdAt().equals(createdAt)) {
      account.setCreatedAt(createdAt);
      changed = true;
    }
    if (!Objects.equals(account.lastActiveAt(), lastActive)) {
      account.setLastActiveAt(lastActive);
      changed = true;
    }
    return changed;
  }
}
