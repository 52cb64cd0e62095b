package io.licensesync.cloud.instances.control;

import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.SyncStatus;
import io.licensesync.cloud.instances.entity.UsageSource;
import java.time.Instant;
import java.util.function.Function;

/**
 * How an instance's last sync reads on the licensing page, in one place: what the enterprise holds
 * (synced automatically, uploaded as a file, or never synced) and, when the last attempt failed,
 * when and why. Times go through the caller's formatter so they show in the viewer's zone.
 *
 * @param usage "GitHub Connect server usage synced …", "Server usage uploaded …", "GitHub Connect
 *     server usage never synced", or, after a failure, which usage still counts
 * @param failure "Last sync failed …: …", or null when the last sync did not fail
 * @param succeeded whether the last sync succeeded
 */
public record SyncSummary(String usage, String failure, boolean succeeded) {

  public static SyncSummary of(ConnectedInstance instance, Function<Instant, String> time) {
    if (instance.lastSyncStatus() == SyncStatus.FAILURE) {
      String failure = "Last sync failed " + time.apply(instance.lastSyncAt()) + ": " + instance.lastSyncError();
      String usage =
          instance.lastUploadId() == null
              ? "GitHub Connect server usage never synced"
              : "Server usage generated " + time.apply(instance.lastUsageAt()) + " still counts";
      return new SyncSummary(usage, failure, false);
    }
    if (instance.lastSyncStatus() == SyncStatus.SUCCESS) {
      String usage =
          instance.lastSyncVia() == UsageSource.FILE
              ? "Server usage uploaded " + time.apply(instance.lastSyncAt())
              : "GitHub Connect server usage synced " + time.apply(instance.lastSyncAt());
      return new SyncSummary(usage, null, true);
    }
    return new SyncSummary("GitHub Connect server usage never synced", null, false);
  }

  public boolean failed() {
    return failure != null;
  }
}
