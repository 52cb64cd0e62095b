package io.licensesync.cloud.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.UsageSource;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SyncSummaryTest {

  static final Instant GENERATED = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant SYNCED = Instant.parse("2026-11-20T10:01:00Z");
  static final Instant FAILED = Instant.parse("2026-11-25T10:01:00Z");
  static final Function<Instant, String> TIME = Instant::toString;

  static ConnectedInstance instance() {
    return new ConnectedInstance(1, "srv-1", "ghe.example.com", "3.17.0", GENERATED);
  }

  @Test
  void anInstanceThatNeverSyncedSaysSo() {
    SyncSummary summary = SyncSummary.of(instance(), TIME);
    assertEquals("GitHub Connect server usage never synced", summary.usage());
    assertNull(summary.failure());
    assertFalse(summary.succeeded());
  }

  @Test
  void anAutomaticSyncReadsAsSyncedThroughGitHubConnect() {
    ConnectedInstance i = instance();
    i.usageApplied("u1", 3, UsageSource.AUTOMATIC, GENERATED, SYNCED);
    assertEquals(
        new SyncSummary("GitHub Connect server usage synced 2026-11-20T10:01:00Z", null, true),
        SyncSummary.of(i, TIME));
  }

  @Test
  void aFileReadsAsUploaded() {
    ConnectedInstance i = instance();
    i.usageApplied("u1", 3, UsageSource.FILE, GENERATED, SYNCED);
    assertEquals(
        new SyncSummary("Server usage uploaded 2026-11-20T10:01:00Z", null, true),
        SyncSummary.of(i, TIME));
  }

  @Test
  void aFailureBeforeAnySuccessShowsNeverSyncedAndTheError() {
    ConnectedInstance i = instance();
    i.syncFailed("server_id in the document is not this instance's", UsageSource.AUTOMATIC, FAILED);
    SyncSummary summary = SyncSummary.of(i, TIME);
    assertEquals("GitHub Connect server usage never synced", summary.usage());
    assertEquals(
        "Last sync failed 2026-11-25T10:01:00Z: server_id in the document is not this instance's",
        summary.failure());
  }

  @Test
  void aFailureAfterASuccessStillShowsWhenTheUsageThatCountsWasSynced() {
    ConnectedInstance i = instance();
    i.usageApplied("u1", 3, UsageSource.AUTOMATIC, GENERATED, SYNCED);
    i.syncFailed("stale", UsageSource.AUTOMATIC, FAILED);
    assertEquals(
        new SyncSummary(
            "GitHub Connect server usage synced " + SYNCED,
            "Last sync failed 2026-11-25T10:01:00Z: stale",
            false),
        SyncSummary.of(i, TIME));
  }
}
