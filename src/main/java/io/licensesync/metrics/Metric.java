package io.licensesync.metrics;

import java.util.List;

/**
 * Every counter and histogram the application records, with its Prometheus name, type, help text
 * and (for a histogram) bucket bounds: the one list of metric names, documented in
 * docs/operations.md.
 */
public enum Metric {
  SYNC_RUNS(
      "licensesync_sync_runs_total",
      "License sync runs of this Server by outcome (success, failure, interrupted) and trigger",
      List.of()),
  SYNC_RUN_SECONDS(
      "licensesync_sync_run_duration_seconds",
      "How long license sync runs of this Server took, from start to their recorded end",
      List.of(1.0, 5.0, 15.0, 30.0, 60.0, 300.0, 900.0, 1800.0, 3600.0)),
  UPLOADS(
      "licensesync_cloud_uploads_total",
      "License usage uploads the Cloud received, by source (automatic, file) and outcome (applied,"
          + " duplicate, refused, busy, failed)",
      List.of()),
  UPLOAD_BYTES(
      "licensesync_cloud_upload_bytes",
      "Size of the license usage uploads the Cloud read",
      List.of(1e4, 1e5, 1e6, 1e7, 5e7, 1e8, 5e8)),
  INGEST_SECONDS(
      "licensesync_cloud_ingest_duration_seconds",
      "How long the Cloud took to read, apply and match a license usage upload",
      List.of(0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0)),
  IMPORT_ROWS(
      "licensesync_server_import_rows_total",
      "Rows of users reports imported on this Server, by outcome (created, updated, unchanged,"
          + " refused)",
      List.of()),
  IMPORT_SECONDS(
      "licensesync_server_import_duration_seconds",
      "How long users report imports took",
      List.of(0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0)),
  PAGE_CACHE(
      "licensesync_cloud_page_cache_total",
      "Consumed-licenses pages answered from this node's kept bodies (hit) or written (miss)",
      List.of()),
  SIGN_INS_THROTTLED(
      "licensesync_sign_ins_throttled_total",
      "Sign-in attempts refused because too many had failed (429 or the page's wait)",
      List.of());

  private final String prometheusName;
  private final String help;
  private final List<Double> buckets;

  Metric(String prometheusName, String help, List<Double> buckets) {
    this.prometheusName = prometheusName;
    this.help = help;
    this.buckets = buckets;
  }

  public String prometheusName() {
    return prometheusName;
  }

  public String help() {
    return help;
  }

  /** Upper bounds of a histogram's buckets; empty for a counter. */
  public List<Double> buckets() {
    return buckets;
  }

  public boolean histogram() {
    return !buckets.isEmpty();
  }
}
