package io.licensesync.cloud.instances.entity;

import java.util.Locale;

/** The outcome of an instance's last sync, as the license-sync-status API writes it. */
public enum SyncStatus {
  SUCCESS,
  FAILURE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
