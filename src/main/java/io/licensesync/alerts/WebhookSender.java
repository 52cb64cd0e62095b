package io.licensesync.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * One webhook delivery: POSTs the alert's JSON with its HMAC-SHA256 signature ({@value #SIGNATURE}:
 * {@code sha256=<hex>} of the body under the shared secret, as GitHub signs its webhooks), and
 * counts a 2xx answer as delivered. Anything else is retried by Fault Tolerance (four attempts in
 * all, with a delay), then given up.
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

  /** Sends {@code body} to {@code url}; answers the status; counts attempts in {@code attempts}. */
  @Retry(maxRetries = 3, delay = 1000, jitter = 200, retryOn = NotDelivered.class)
  public int send(
      String url, String secret, String body, Duration timeout, AtomicInteger attempts) {
    attempts.incrementAndGet();
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "license-sync-alerts")
            .header(SIGNATURE, "sha256=" + sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new NotDelivered("HTTP " + status);
      }
      return status;
    } catch (IOException e) {
      throw new NotDelivered(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotDelivered("interrupted");
    }
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
