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
 *     server usage never synced" — the usage that counts, from the last successful sync
 * @param failure "Last sync failed …: …", or null when the last sync did not fail
 * @param succeeded whether the last sync succeeded
 */
public record SyncSummary(String usage, String failure, boolean succeeded) {

  public static SyncSummary of(ConnectedInstance instance, Function<Instant, String> time) {
    String usage;
    if (instance.lastSuccessAt() == null) {
      usage = "GitHub Connect server usage never synced";
    } else if (instance.lastSuccessVia() == UsageSource.FILE) {
      usage = "Server usage uploaded " + time.apply(instance.lastSuccessAt());
    } else {
      usage = "GitHub Connect server usage synced " + time.apply(instance.lastSuccessAt());
    }
    if (instance.lastSyncStatus() == SyncStatus.FAILURE) {
      return new SyncSummary(
          usage,
          "Last sync failed " + time.apply(instance.lastSyncAt()) + ": " + instance.lastSyncError(),
          false);
    }
    return new SyncSummary(usage, null, instance.lastSyncStatus() == SyncStatus.SUCCESS);
  }

  public boolean failed() {
    return failure != null;
  }
}
