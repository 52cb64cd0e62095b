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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * A load generator for the read benchmarks: {@code clients} threads, each sending {@code perClient}
 * requests one after the other through one shared Apache HttpClient (blocking, HTTP/1.1, a pooled
 * connection per client), each response read to its end; after a warm-up (rounds of requests until
 * the throughput settles, {@link #warmUp}; not measured), the latency of every request is kept and
 * the percentiles taken from all of them. A request answered other than 200 counts as an error (and
 * the run says so).
 *
 * <p>Not {@code java.net.http}: on this 2-core machine the clients share the cores with the server,
 * and the JDK's client (a selector thread and a hand-off per request) took about as much CPU per
 * request as the server's answer; this one takes about half of that (measured with 16 clients on
 * the same endpoint: 8.2 s against 4.6 s of client CPU for 8,000 requests), which the server gets
 * back.
 */
final class LoadGenerator implements AutoCloseable {

  /** What one read under load measured; times in nanoseconds. */
  record Result(
      int requests, int errors, long p50, long p90, long p99, long max, long wall, Warm warm) {
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d requests in %.2f s (%.0f/s)%s; %s",
          p50 / 1e6,
          p90 / 1e6,
          p99 / 1e6,
          max / 1e6,
          requests,
          wall / 1e9,
          requests / (wall / 1e9),
          errors == 0 ? "" : ", " + errors + " NOT 200",
          warm.describe());
    }
  }

  /** How the warm-up went: its rounds, how long it took, the throughput of its last round. */
  record Warm(int rounds, int requests, long nanos, double lastPerSecond, boolean settled) {
    String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "warm-up %d requests in %d rounds, %.1f s, %s at %.0f/s",
          requests,
          rounds,
          nanos / 1e9,
          settled ? "settled" : "cut at bench.warmUpSeconds",
          lastPerSecond);
    }
  }

  /**
   * The warm-up ends after this long at the latest ({@code bench.warmUpSeconds}, 90), whether or
   * not the server's throughput stopped rising.
   */
  static final int WARM_UP_SECONDS = Math.max(1, Integer.getInteger("bench.warmUpSeconds", 90));

  /** The warm-up lasts at least this long ({@code bench.warmUpMinSeconds}, 20). */
  static final int WARM_UP_MIN_SECONDS =
      Math.max(0, Integer.getInteger("bench.warmUpMinSeconds", 20));

  /** A warm-up round: this many requests per client (fewer when fewer are measured). */
  private static final int WARM_UP_ROUND = 200;

  /** How long a request may take (the CSV report of 1M rows takes seconds). */
  private static final Timeout ANSWER_TIMEOUT = Timeout.ofMinutes(10);

  private final CloseableHttpClient http;
  private final Map<String, String> headers;

  /** A generator whose every request carries {@code headers}. */
  LoadGenerator(Map<String, String> headers) {
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(256)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(ANSWER_TIMEOUT)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(ANSWER_TIMEOUT).build())
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .build();
    this.headers = headers;
  }

  Result run(URI uri, int clients, int perClient) throws Exception {
    return measure(clients, perClient, client -> send(uri));
  }

  @Override
  public void close() throws IOException {
    http.close();
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
      Warm warm = warmUp(pool, clients, Math.max(1, Math.min(WARM_UP_ROUND, perClient)), request);
      long[] latencies = new long[clients * perClient];
      AtomicInteger next = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      long started = System.nanoTime();
      everyClient(
          pool,
          clients,
          perClient,
          client -> {
            long t = System.nanoTime();
            int status = request.send(client);
            latencies[next.getAndIncrement()] = System.nanoTime() - t;
            if (status != 200) {
              errors.incrementAndGet();
            }
            return status;
          });
      long wall = System.nanoTime() - started;
      Arrays.sort(latencies);
      return new Result(
          latencies.length,
          errors.get(),
          percentile(latencies, 50),
          percentile(latencies, 90),
          percentile(latencies, 99),
          latencies[latencies.length - 1],
          wall,
          warm);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Warms the server up in rounds of {@code perRound} requests per client, until its throughput
   * settles (three rounds in a row no more than 3% above the best round before them, after at least
   * {@link #WARM_UP_MIN_SECONDS}) or {@link #WARM_UP_SECONDS} have passed. The figures are of a
   * warm server, as in production: the JIT keeps making a fresh Payara Micro's answers cheaper for
   * tens of thousands of requests (measured on this machine: license-sync-status at 1M on
   * PostgreSQL, 615 answers a second after 13,000 requests, 1,200 after 60,000), in steps a shorter
   * rule mistook for the end.
   */
  private static Warm warmUp(ExecutorService pool, int clients, int perRound, Request request)
      throws Exception {
    long started = System.nanoTime();
    long until = started + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
    long atLeast = started + TimeUnit.SECONDS.toNanos(WARM_UP_MIN_SECONDS);
    double best = 0;
    double last = 0;
    int flat = 0;
    int rounds = 0;
    while ((flat < 3 || System.nanoTime() < atLeast) && System.nanoTime() < until) {
      long t = System.nanoTime();
      everyClient(pool, clients, perRound, request);
      rounds++;
      last = clients * perRound / ((System.nanoTime() - t) / 1e9);
      flat = last > best * 1.03 ? 0 : flat + 1;
      best = Math.max(best, last);
    }
    return new Warm(
        rounds, rounds * clients * perRound, System.nanoTime() - started, last, flat >= 3);
  }

  /**
   * {@code clients} threads each sending {@code each} requests one after the other; waits for all.
   */
  private static void everyClient(ExecutorService pool, int clients, int each, Request request)
      throws Exception {
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      running.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  request.send(client);
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private int send(URI uri) throws IOException {
    HttpGet get = new HttpGet(uri);
    headers.forEach(get::setHeader);
    return http.execute(
        get,
        response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
  }

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

  /**
   * Signs in to the Cloud pages as an owner (the sign-in form, as a browser posts it) with a client
   * that keeps the session cookie; answers the {@code Cookie} header with which a {@link
   * LoadGenerator} then reads the pages in that session.
   */
  static Map<String, String> cloudPages(URI base, String enterprise, String token)
      throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient pages =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
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
    return Map.of(
        "Cookie",
        cookies.getCookieStore().get(base).stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(java.util.stream.Collectors.joining("; ")));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
