package io.licensesync.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint in the test's JVM, for the application's alerts webhook, speaking HTTP/1.1 on
 * a plain socket so that it can also misbehave. By default ({@link Mode#FIRST_REFUSED}) it answers
 * 500 the first time it sees a body and 204 the next; other modes answer every time, fail every
 * time, hang, answer slowly, answer garbage, send a status and then stall, redirect, or are down
 * (the port refuses connections). It keeps every request it read, so a test sees the retries, the
 * body and the signature.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** How the receiver answers. */
  public enum Mode {
    /** 500 the first time a body is seen, 204 after. */
    FIRST_REFUSED,
    /** 204 every time. */
    ACCEPT,
    /** 503 every time. */
    FAIL,
    /** Reads the request and never answers (the connection stays open until the receiver stops). */
    HANG,
    /** 204 after {@link #slowMillis}. */
    SLOW,
    /** Bytes that are not HTTP, then the connection is closed. */
    GARBAGE,
    /** "200 OK" with a body announced, then nothing: the body never comes. */
    STATUS_THEN_STALL,
    /** 302 to another address. */
    REDIRECT,
    /** Nothing listens on the port: connections are refused. */
    DOWN
  }

  /** One request: its body, its signature header, and what the receiver answered (0: no status). */
  public record Request(String body, String signature, int answered) {}

  private final int port;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;
  private volatile Mode mode = Mode.FIRST_REFUSED;
  private volatile long slowMillis = 1000;

  private WebhookReceiver(ServerSocket socket) {
    this.listening = socket;
    this.port = socket.getLocalPort();
  }

  public static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver(bind(0));
    receiver.accept(receiver.listening);
    return receiver;
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  /** Answers from now on as {@code mode} says; DOWN closes the port, any other opens it again. */
  public synchronized WebhookReceiver mode(Mode next) {
    if (next == Mode.DOWN && listening != null) {
      closeQuietly(listening);
      listening = null;
    } else if (next != Mode.DOWN && listening == null) {
      listening = bind(port);
      accept(listening);
    }
    this.mode = next;
    return this;
  }

  /** How long {@link Mode#SLOW} waits before answering. */
  public WebhookReceiver slowMillis(long millis) {
    this.slowMillis = millis;
    return this;
  }

  /** Every request read so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Closes every connection left open (a hanging or stalled answer) and the port. */
  @Override
  public synchronized void close() {
    if (listening != null) {
      closeQuietly(listening);
      listening = null;
    }
    open.forEach(WebhookReceiver::closeQuietly);
  }

  private void accept(ServerSocket socket) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket connection = socket.accept();
                  Thread handler = new Thread(() -> handle(connection), "webhook-receiver");
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "webhook-receiver-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void handle(Socket connection) {
    open.add(connection);
    try (connection) {
      connection.setSoTimeout(30_000);
      InputStream in = connection.getInputStream();
      String head = head(in);
      String signature = null;
      int length = 0;
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        } else if (name.equals("x-licensesync-signature-256")) {
          signature = value;
        }
      }
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      OutputStream out = connection.getOutputStream();
      Mode now = mode;
      int status =
          switch (now) {
            case FIRST_REFUSED -> seen.add(body) ? 500 : 204;
            case ACCEPT, SLOW -> 204;
            case FAIL -> 503;
            case REDIRECT -> 302;
            case STATUS_THEN_STALL -> 200;
            default -> 0;
          };
      requests.add(new Request(body, signature, status));
      switch (now) {
        case HANG -> hold(connection);
        case GARBAGE -> {
          out.write("this is no HTTP answer\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        case STATUS_THEN_STALL -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly this"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          hold(connection);
        }
        case SLOW -> {
          Thread.sleep(slowMillis);
          answer(out, status, "");
        }
        case REDIRECT -> answer(out, status, "Location: http://127.0.0.1:1/elsewhere\r\n");
        default -> answer(out, status, "");
      }
    } catch (IOException | RuntimeException e) {
      // the client went away (a timeout on its side, the receiver closed): nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(connection);
    }
  }

  private static void answer(OutputStream out, int status, String headers) throws IOException {
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Length: 0\r\nConnection: close\r\n"
                + headers
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Keeps the connection open, unanswered, until the client or the receiver closes it. */
  private static void hold(Socket connection) throws IOException {
    connection.setSoTimeout(0);
    while (connection.getInputStream().read() >= 0) {
      // a client that sends more is still not answered
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended in its head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  /** Waits (up to 30 s) for {@code count} requests whose body contains {@code text}. */
  public List<Request> awaitBodyContaining(String text, int count) {
    return await(() -> bodiesContaining(text), found -> found.size() >= count);
  }

  /** The requests whose body contains {@code text}, so far. */
  public List<Request> bodiesContaining(String text) {
    List<Request> found = new ArrayList<>();
    requests.stream().filter(r -> r.body().contains(text)).forEach(found::add);
    return found;
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
