package io.licensesync.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint in the test's JVM, for the application's alerts webhook: it answers 500 the
 * first time it sees a body and 204 the next, and keeps every request it got, so a test sees the
 * retry, the body and the signature.
 */
public final class WebhookReceiver {

  /** One request: its body, its signature header, and what the receiver answered. */
  public record Request(String body, String signature, int answered) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = receiver.seen.add(body) ? 500 : 204;
            receiver.requests.add(
                new Request(
                    body,
                    exchange.getRequestHeaders().getFirst("X-LicenseSync-Signature-256"),
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Waits (up to 30 s) for {@code count} requests whose body contains {@code text}. */
  public List<Request> awaitBodyContaining(String text, int count) {
    return await(
        () -> {
          List<Request> found = new ArrayList<>();
          requests.stream().filter(r -> r.body().contains(text)).forEach(found::add);
          return found;
        },
        found -> found.size() >= count);
  }

  /** Polls {@code read} (up to 30 s) until {@code done} holds; the last value read. */
  public <T> T await(Supplier<T> read, Predicate<T> done) {
    long end = System.nanoTime() + 30_000_000_000L;
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      value = read.get();
    }
    if (!done.test(value)) {
      throw new AssertionError("waited 30 s in vain; last: " + value);
    }
    return value;
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code secret}, computed here independently. */
  public static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
