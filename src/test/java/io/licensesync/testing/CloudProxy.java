package io.licensesync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP hop between a Server role and the real Cloud role, for the failure tests: it forwards
 * every request as it is, except that it can answer the next uploads with a 500 (the Cloud failing,
 * then recovering), garble the connect handshake's answer, fail disconnects, or be stopped (the
 * Cloud unreachable).
 */
public final class CloudProxy implements AutoCloseable {

  private static final Set<String> HOP_HEADERS =
      Set.of("connection", "content-length", "host", "transfer-encoding", "expect", "upgrade");

  private final HttpServer server;
  private final URI target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger uploadsSeen = new AtomicInteger();
  private volatile String lastUploadFraming = "none";
  private volatile String connectAnswer;
  private volatile boolean failDisconnects;
  private volatile int failureStatus = 500;

  private volatile boolean holding;
  private final AtomicInteger uploadsAnswered = new AtomicInteger();

  /** How uploads are answered instead of being forwarded; null forwards them. */
  private volatile UploadAnswer uploadAnswer;

  private final java.util.concurrent.CountDownLatch closed =
      new java.util.concurrent.CountDownLatch(1);

  /**
   * A raw answer to every upload: status, headers, body, and how many bytes the framing promises.
   */
  private record UploadAnswer(
      int status, Map<String, String> headers, byte[] body, long declared, boolean hang) {}

  private CloudProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // one thread per exchange: a hung answer must not hold up the others
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  /** Starts a proxy in front of {@code target} (the Cloud's base URL). */
  public static CloudProxy to(URI target) {
    try {
      return new CloudProxy(target);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The proxy's base URL, to give the Server as the Cloud's URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The next {@code count} license usage uploads get a 500 without reaching the Cloud. */
  public void failNextUploads(int count) {
    failNextUploads(count, 500);
  }

  /**
   * The next {@code count} license usage uploads get {@code status} without reaching the Cloud; a
   * 409 comes with {@code Retry-After}, as the Cloud's "being applied" does.
   */
  public void failNextUploads(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
  }

  /**
   * Every upload from now on is answered {@code status} with {@code body} (and {@code headers}), as
   * a Cloud gone wrong or something else at its address would: a redirect, an HTML page, broken
   * JSON.
   */
  public void answerUploads(int status, Map<String, String> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    uploadAnswer = new UploadAnswer(status, headers, bytes, bytes.length, false);
  }

  /** Every upload's answer promises more bytes than it sends, then the connection closes. */
  public void cutOffUploadAnswers(String start) {
    byte[] bytes = start.getBytes(StandardCharsets.UTF_8);
    uploadAnswer =
        new UploadAnswer(
            200, Map.of("Content-Type", "application/json"), bytes, bytes.length + 1000L, false);
  }

  /**
   * Every upload is taken in but never read nor answered, as by a Cloud whose process stopped,
   * until {@link #forwardUploads} or {@link #close}.
   */
  public void hangUploads() {
    uploadAnswer = new UploadAnswer(0, Map.of(), new byte[0], 0, true);
  }

  /**
   * Every upload is read whole, then held until {@link #releaseUploads}, then forwarded: a run that
   * stays in progress for as long as the test needs.
   */
  public void holdUploads() {
    holding = true;
  }

  /** The held uploads (and the next) go on to the Cloud. */
  public void releaseUploads() {
    holding = false;
  }

  /** How many uploads the Cloud answered and the answer was passed on to the Server. */
  public int uploadsAnswered() {
    return uploadsAnswered.get();
  }

  /** Uploads reach the Cloud again. */
  public void forwardUploads() {
    uploadAnswer = null;
  }

  /**
   * The connect handshake still reaches the Cloud (which registers the instance), but the Server
   * gets {@code body} (status 200, as HTML) instead of the Cloud's answer: a garbled answer.
   */
  public void garbleConnectAnswers(String body) {
    connectAnswer = body;
  }

  /** Disconnects (DELETE of a server instance) get a 503 without reaching the Cloud. */
  public void failDisconnects(boolean fail) {
    failDisconnects = fail;
  }

  /**
   * How the last upload's body was framed: {@code chunked} (Transfer-Encoding), {@code
   * content-length} or {@code none}. A Server that streams its document sends it chunked.
   */
  public String lastUploadFraming() {
    return lastUploadFraming;
  }

  /** How many uploads reached the proxy (failed or forwarded). */
  public int uploadsSeen() {
    return uploadsSeen.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean upload = exchange.getRequestURI().getPath().contains("/license-usage-uploads/");
      UploadAnswer raw = uploadAnswer;
      if (upload && raw != null && raw.hang()) {
        uploadsSeen.incrementAndGet();
        awaitClose();
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (upload && raw != null) {
        uploadsSeen.incrementAndGet();
        raw.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(raw.status(), raw.declared() == 0 ? -1 : raw.declared());
        OutputStream out = exchange.getResponseBody();
        out.write(raw.body());
        out.flush();
        if (raw.declared() > raw.body().length) {
          // fewer bytes than promised: drop the connection, as a Cloud dying mid-answer would
          throw new IOException("answer cut off on purpose");
        }
        return;
      }
      if (upload) {
        uploadsSeen.incrementAndGet();
        String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        lastUploadFraming =
            encoding != null && encoding.toLowerCase().contains("chunked")
                ? "chunked"
                : exchange.getRequestHeaders().containsKey("Content-Length")
                    ? "content-length"
                    : "none";
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          byte[] error =
              "{\"message\":\"Server Error\",\"documentation_url\":\"https://example.com\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          if (failureStatus == 409) {
            // as the Cloud answers while another upload of the instance is being applied
            exchange.getResponseHeaders().add("Retry-After", "1");
          }
          exchange.sendResponseHeaders(failureStatus, error.length);
          exchange.getResponseBody().write(error);
          return;
        }
        awaitRelease();
      }
      boolean instances = exchange.getRequestURI().getPath().contains("/server-instances");
      if (failDisconnects && instances && "DELETE".equals(exchange.getRequestMethod())) {
        byte[] error =
            "{\"message\":\"Service Unavailable\",\"documentation_url\":\"https://example.com\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(503, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      String base =
          target.toString().endsWith("/")
              ? target.toString().substring(0, target.toString().length() - 1)
              : target.toString();
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI().toString()))
              .timeout(Duration.ofMinutes(5))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                  values.forEach(v -> forward.header(name, v));
                }
              });
      HttpResponse<InputStream> answer;
      try {
        answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      byte[] bytes;
      try (InputStream in = answer.body()) {
        bytes = in.readAllBytes();
      }
      String garbled = connectAnswer;
      if (garbled != null && instances && "POST".equals(exchange.getRequestMethod())) {
        bytes = garbled.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("text/html"));
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
        return;
      }
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
      if (upload) {
        uploadsAnswered.incrementAndGet();
      }
    }
  }

  private void awaitRelease() {
    try {
      while (holding && !closed.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        // the upload is read; its forwarding waits
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitClose() {
    try {
      while (uploadAnswer != null
          && uploadAnswer.hang()
          && !closed.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        // holding the exchange open, reading nothing
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops answering: from now on the Cloud is unreachable through this proxy. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
