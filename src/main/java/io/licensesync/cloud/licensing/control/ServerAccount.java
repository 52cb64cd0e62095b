package io.licensesync.cloud.licensing.control;

import java.util.List;

/** A Server account from the latest usage of a connected instance, as matching sees it. */
public record ServerAccount(
    String hostname, long accountId, String primaryEmail, List<String> otherEmails) {

  /** How the consumed-licenses API names a Server account: {@code hostname:id}. */
  public String userId() {
    return hostname + ":" + accountId;
  }
}
