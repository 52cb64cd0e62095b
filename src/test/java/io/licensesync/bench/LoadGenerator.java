package io.licensesync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load generator for the read benchmarks: {@code clients} threads, each sending {@code perClient}
 * requests one after the other through one shared {@link HttpClient} (HTTP/1.1, a connection per
 * client), each response read to its end; after a warm-up ({@link #WARM_UP} requests per client,
 * not measured), the latency of every request is kept and the percentiles taken from all of them. A
 * request answered other than 200 counts as an error (and the run says so).
 */
final class LoadGenerator {

  /** What one read under load measured; times in nanoseconds. */
  record Result(int requests, int errors, long p50, long p99, long max, long wall) {
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d requests in %.2f s (%.0f/s)%s",
          p50 / 1e6,
          p99 / 1e6,
          max / 1e6,
          requests,
          wall / 1e9,
          requests / (wall / 1e9),
          errors == 0 ? "" : ", " + errors + " NOT 200");
    }
  }

  /**
   * Requests each client sends before the measured ones ({@code bench.warmUpPerClient}, 20, at most
   * half as many as it measures): the figures are of a warm server (its code compiled, its pools
   * filled), as in production.
   */
  static final int WARM_UP = Math.max(1, Integer.getInteger("bench.warmUpPerClient", 20));

  private final HttpClient http;
  private final Map<String, String> headers;

  LoadGenerator(HttpClient http, Map<String, String> headers) {
    this.http = http;
    this.headers = headers;
  }

  Result run(URI uri, int clients, int perClient) throws Exception {
    return measure(clients, perClient, client -> send(uri));
  }

  /** One request of a client (numbered from 0), answering its status (200 when it succeeded). */
  @FunctionalInterface
  interface Request {
    int send(int client) throws Exception;
  }

  /**
   * {@code clients} threads each making {@code perClient} requests one after the other, after the
   * warm-up, timed as {@link #run}: how the floors of the reads (plain JDBC, the server's cheapest
   * answer) are measured with the same clients as the reads themselves.
   */
  static Result measure(int clients, int perClient, Request request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      int warmUp = Math.max(1, Math.min(WARM_UP, perClient / 2));
      List<Future<?>> warm = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        warm.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < warmUp; i++) {
                    request.send(client);
                  }
                  return null;
                }));
      }
      for (Future<?> f : warm) {
        f.get();
      }
      long[] latencies = new long[clients * perClient];
      AtomicInteger next = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      List<Future<?>> running = new ArrayList<>();
      long started = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perClient; i++) {
                    long t = System.nanoTime();
                    int status = request.send(client);
                    latencies[next.getAndIncrement()] = System.nanoTime() - t;
                    if (status != 200) {
                      errors.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      long wall = System.nanoTime() - started;
      Arrays.sort(latencies);
      return new Result(
          latencies.length,
          errors.get(),
          percentile(latencies, 50),
          percentile(latencies, 99),
          latencies[latencies.length - 1],
          wall);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private int send(URI uri) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET();
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

  /**
   * Signs in to the Cloud pages as an owner (the sign-in form, as a browser posts it) with a client
   * that keeps the session cookie; the same client then reads the pages.
   */
  static HttpClient cloudPages(URI base, String enterprise, String token) throws Exception {
    HttpClient pages =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    URI signIn = base.resolve("cloud/sign-in.xhtml");
    String form =
        pages
            .send(
                HttpRequest.newBuilder(signIn).GET().build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher state = VIEW_STATE.matcher(form);
    if (!state.find()) {
      throw new IllegalStateException("no view state on the sign-in page");
    }
    String body =
        "cloudSignIn=cloudSignIn&cloudSignIn%3Aenterprise="
            + enc(enterprise)
            + "&cloudSignIn%3Atoken="
            + enc(token)
            + "&cloudSignIn%3Asubmit=Sign+in&jakarta.faces.ViewState="
            + enc(state.group(1));
    String origin = base.getScheme() + "://" + base.getAuthority();
    HttpResponse<String> signedIn =
        pages.send(
            HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signedIn.statusCode() != 200 || signedIn.uri().getPath().endsWith("sign-in.xhtml")) {
      throw new IllegalStateException(
          "signing in to the Cloud pages failed: " + signedIn.statusCode() + " " + signedIn.uri());
    }
    return pages;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
