package io.licensesync.bench;

import static io.licensesync.bench.BenchSupport.require;
import static io.licensesync.bench.BenchSupport.seconds;

import io.licensesync.testing.Api;
import io.licensesync.testing.Api.Reply;
import io.licensesync.testing.UsageDocs;
import io.licensesync.wire.LicenseUsageDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A benchmark harness, not a test: does the Cloud's memory stay flat across many uploads? One
 * instance uploads the usage of {@code bench.accounts} (100,000) accounts {@code bench.uploads}
 * (50) times, every tenth account's address changed each time (so every upload changes seats and
 * matches); after the first upload and every tenth, a full collection in the server ({@code jcmd
 * GC.run}) and its live heap. The table gets the live heap after the first and the last upload, the
 * growth between them, and the upload times (first, median, slowest). It fails when the live heap
 * grew by more than {@code bench.maxGrowthMiB} (64) — a leak, not a figure.
 */
class RepeatedUploadsBenchmark {

  private static final Pattern USED = Pattern.compile("used (\\d+) MiB");

  private final BenchSupport bench = new BenchSupport();
  private final int accounts = Integer.getInteger("bench.accounts", 100_000);
  private final int uploads = Math.max(2, Integer.getInteger("bench.uploads", 50));
  private final int maxGrowth = Integer.getInteger("bench.maxGrowthMiB", 64);

  @Test
  void memoryStaysFlatAcrossUploads() throws Exception {
    String database = bench.database();
    String operatorToken = "bench-operator-" + UUID.randomUUID();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("licensesync.cloud.operator-token", operatorToken);
    bench.figure("accounts / uploads", accounts + " / " + uploads);
    bench.onServer(
        database,
        config,
        "bench-repeated",
        "license-sync Cloud repeated uploads benchmark",
        server -> run(Api.at(server.url()), operatorToken));
  }

  private void run(Api api, String operatorToken) throws Exception {
    Api operator = api.withAuthorization("Bearer " + operatorToken);
    Reply created =
        operator.post(
            "cloud/api/enterprises",
            "{\"slug\":\"bench-repeated\",\"name\":\"Bench\",\"seats_purchased\":"
                + (accounts + 1)
                + ",\"owner\":{\"login\":\"owner1\",\"emails\":[{\"email\":\"owner1@bench.example\","
                + "\"verified\":true}],\"org_roles\":[\"bench:Owner\"]}}");
    require(201, created, "create the enterprise");
    Api owner = api.withAuthorization("Bearer " + created.json().get("owner_token").asText());
    String serverId = "bench-repeated-1";
    Reply connected =
        owner.post(
            "cloud/api/enterprises/bench-repeated/server-instances",
            "{\"server_id\":\""
                + serverId
                + "\",\"hostname\":\"ghe.repeated.example\",\"version\":\"3.17.0\"}");
    require(201, connected, "connect the instance");
    Api instance = api.withAuthorization("Bearer " + connected.json().get("credential").asText());

    long[] times = new long[uploads];
    long firstLive = -1;
    long lastLive = -1;
    long maxLive = -1;
    for (int n = 1; n <= uploads; n++) {
      String uploadId = "bench-repeated-" + n;
      List<LicenseUsageDocument.Account> list = new ArrayList<>(accounts);
      for (int id = 1; id <= accounts; id++) {
        String tag = id % 10 == n % 10 ? "-u" + n : "";
        list.add(UsageDocs.account(id, "user" + id + tag + "@repeated.example"));
      }
      String document =
          UsageDocs.document(uploadId, serverId, "ghe.repeated.example", Instant.now(), list);
      long started = System.nanoTime();
      Reply uploaded =
          instance.send(
              "PUT",
              UsageDocs.uploadPath("bench-repeated", serverId, uploadId),
              "application/json",
              document);
      times[n - 1] = System.nanoTime() - started;
      require(201, uploaded, "upload " + n);
      if (n == 1 || n % 10 == 0 || n == uploads) {
        String live = bench.liveHeap();
        bench.figure("live heap after upload " + n + " (full GC)", live);
        Matcher m = USED.matcher(live);
        if (m.find()) {
          long used = Long.parseLong(m.group(1));
          firstLive = firstLive < 0 ? used : firstLive;
          lastLive = used;
          maxLive = Math.max(maxLive, used);
        }
      }
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    bench.figure(
        "upload times first / median / slowest",
        seconds(times[0])
            + " / "
            + seconds(sorted[uploads / 2])
            + " / "
            + seconds(sorted[uploads - 1]));
    BenchTable.add(
        new BenchTable.Row(
            "Cloud: " + uploads + " uploads, live heap after a full GC",
            BenchTable.size(accounts),
            sorted[uploads / 2],
            0,
            lastLive + " MiB",
            0,
            0,
            "after upload 1: "
                + firstLive
                + " MiB, after upload "
                + uploads
                + ": "
                + lastLive
                + " MiB, max "
                + maxLive
                + " MiB; time is the median upload (first "
                + seconds(times[0])
                + ", slowest "
                + seconds(sorted[uploads - 1])
                + ")"));
    if (firstLive < 0 || lastLive - firstLive > maxGrowth) {
      throw new IllegalStateException(
          "the live heap grew from "
              + firstLive
              + " to "
              + lastLive
              + " MiB over "
              + uploads
              + " uploads");
    }
  }
}
