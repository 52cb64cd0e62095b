package io.licensesync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A small HTTP client for the tests, on the JDK's {@link HttpClient}: it sends what a GitHub client
 * sends ({@code Accept: application/vnd.github+json}) with an optional {@code Authorization} and
 * returns status, headers and body.
 */
public final class Api {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final URI base;
  private final String authorization;

  private Api(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  public static Api at(URL base) {
    String text = base.toString();
    return new Api(URI.create(text.endsWith("/") ? text : text + "/"), null);
  }

  /** The same client sending {@code Authorization: token <token>}. */
  public Api withToken(String token) {
    return new Api(base, "token " + token);
  }

  /** The same client sending a raw Authorization header. */
  public Api withAuthorization(String header) {
    return new Api(base, header);
  }

  public static String basic(String login, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Signs in with login and password and creates a personal access token. */
  public String createToken(String login, String password) {
    Reply reply =
        withAuthorization(basic(login, password))
            .post("api/v3/user/tokens", "{\"note\":\"integration test\"}");
    if (reply.status() != 201) {
      throw new AssertionError("could not create a token: " + reply);
    }
    return reply.json().get("token").asText();
  }

  public URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public Reply get(String path) {
    return send("GET", path, null, null);
  }

  /** A conditional GET: the server answers 304 without a body while {@code etag} is current. */
  public Reply getIfNoneMatch(String path, String etag) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(120))
            .header("Accept", "application/vnd.github+json")
            .header("If-None-Match", etag)
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  public Reply patch(String path, String json) {
    return send("PATCH", path, "application/json", json);
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json == null ? null : "application/json", json);
  }

  public Reply send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body, "application/vnd.github+json", false);
  }

  /**
   * Sends a request; with {@code expectContinue} the body follows only after the server's {@code
   * 100 Continue}, so a refusal such as 413 arrives before the body is sent.
   */
  public Reply send(
      String method,
      String path,
      String contentType,
      String body,
      String accept,
      boolean expectContinue) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(120))
            .expectContinue(expectContinue)
            .header("Accept", accept)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (java.net.http.HttpTimeoutException e) {
      ThreadDumps.ofServers("timeout of " + method + " " + path);
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
