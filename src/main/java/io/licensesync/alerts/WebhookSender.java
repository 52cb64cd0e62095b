package io.licensesync.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * One webhook delivery: POSTs the alert's JSON with its HMAC-SHA256 signature ({@value #SIGNATURE}:
 * {@code sha256=<hex>} of the body under the shared secret, as GitHub signs its webhooks), and
 * counts a 2xx status as delivered. Anything else (another status, no connection, no answer within
 * the timeout, an answer that is not HTTP) is retried by Fault Tolerance (four attempts in all,
 * with a delay), then given up.
 *
 * <p>Each attempt is bounded as a whole by the timeout: connecting, sending, and waiting for the
 * status line; the answer's body is never waited for (a receiver that sends its status and then
 * stalls has still answered). Redirects are not followed. One HTTP client serves every delivery.
 * The reasons a delivery failed name what happened, never the URL (it may hold a token).
 */
@ApplicationScoped
public class WebhookSender {

  static final String SIGNATURE = "X-LicenseSync-Signature-256";

  /** A delivery that did not get a 2xx answer (worth trying again). */
  public static class NotDelivered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotDelivered(String message) {
      super(message);
    }
  }

  /** The configured URL cannot be posted to (not retried; the message never holds the URL). */
  public static class BadUrl extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadUrl(String message) {
      super(message);
    }
  }

  private volatile HttpClient client;

  /** Sends {@code body} to {@code url}; answers the status; counts attempts in {@code attempts}. */
  @Retry(maxRetries = 3, delay = 1000, jitter = 200, retryOn = NotDelivered.class)
  public int send(
      String url, String secret, String body, Duration timeout, AtomicInteger attempts) {
    attempts.incrementAndGet();
    HttpRequest request =
        HttpRequest.newBuilder(target(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "license-sync-alerts")
            .header(SIGNATURE, "sha256=" + sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    CompletableFuture<Integer> status = new CompletableFuture<>();
    CompletableFuture<HttpResponse<Void>> exchange =
        client(timeout)
            .sendAsync(
                request,
                info -> {
                  status.complete(info.statusCode());
                  return HttpResponse.BodySubscribers.discarding();
                });
    exchange.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            status.completeExceptionally(
                failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
          }
        });
    try {
      int answered = status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (answered / 100 != 2) {
        throw new NotDelivered("HTTP " + answered);
      }
      return answered;
    } catch (TimeoutException e) {
      throw new NotDelivered("no answer within " + timeout);
    } catch (ExecutionException e) {
      throw new NotDelivered(reason(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotDelivered("interrupted");
    } finally {
      exchange.cancel(true); // closes a connection still busy with an unread or stalled answer
    }
  }

  private static URI target(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BadUrl("the configured webhook URL is not a valid URL");
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new BadUrl("the configured webhook URL is not an http(s) URL");
    }
    return uri;
  }

  /** Why an attempt failed, by the kind of failure (its message may name the host). */
  private static String reason(Throwable failure) {
    if (failure instanceof HttpTimeoutException) {
      return "no answer within the timeout";
    }
    if (failure instanceof java.net.ConnectException) {
      return "could not connect (ConnectException)";
    }
    if (failure instanceof java.io.IOException) {
      return "no HTTP answer (" + failure.getClass().getSimpleName() + ")";
    }
    return failure == null ? "failed" : failure.getClass().getSimpleName();
  }

  private HttpClient client(Duration timeout) {
    HttpClient shared = client;
    if (shared == null) {
      synchronized (this) {
        shared = client;
        if (shared == null) {
          shared =
              HttpClient.newBuilder()
                  .connectTimeout(timeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          client = shared;
        }
      }
    }
    return shared;
  }

  /** The hex HMAC-SHA256 of {@code body} under {@code secret}. */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
