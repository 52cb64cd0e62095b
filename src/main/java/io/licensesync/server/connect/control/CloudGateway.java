package io.licensesync.server.connect.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.File;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The one translator between this Server and the Cloud's API: builds the MicroProfile REST client
 * for the connection's URL with the configured timeouts, and turns every way a call can go wrong
 * into a {@link CloudFailure} whose message says what happened (unreachable, timed out, refused
 * with the Cloud's own message). Uploads are retried with a delay through Fault Tolerance.
 */
@ApplicationScoped
public class CloudGateway {

  /** Where below a Cloud's URL its API lives. */
  public static final String API_ROOT = "/cloud/api";

  /**
   * Jersey's {@code ClientProperties.REQUEST_ENTITY_PROCESSING}; other REST client implementations
   * ignore it.
   */
  static final String JERSEY_ENTITY_PROCESSING = "jersey.config.client.request.entity.processing";

  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.connect-timeout", defaultValue = "10")
  long connectTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.read-timeout", defaultValue = "300")
  long readTimeoutSeconds;

  /** The API root for what an admin typed: a Cloud's URL, with or without {@code /cloud/api}. */
  public static URI apiRoot(String cloudUrl) {
    String url = cloudUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return URI.create(url.endsWith(API_ROOT) ? url : url + API_ROOT);
  }

  /**
   * True when {@code ownerToken} belongs to an owner of {@code enterprise}, as the Cloud says now.
   */
  public boolean isOwner(String cloudUrl, String enterprise, String ownerToken) {
    try {
      call(cloudUrl, client -> client.enterprise(enterprise, "token " + ownerToken));
      return true;
    } catch (CloudFailure.Rejected refused) {
      if (refused.status() == 401 || refused.status() == 403 || refused.status() == 404) {
        return false;
      }
      throw refused;
    }
  }

  /** The connect handshake; returns the instance credential the Cloud issued. */
  public String connect(
      String cloudUrl,
      String enterprise,
      String ownerToken,
      String serverId,
      String hostname,
      String version) {
    JsonObject instance =
        Json.createObjectBuilder()
            .add("server_id", serverId)
            .add("hostname", hostname)
            .add("version", version)
            .build();
    JsonObject answer =
        call(cloudUrl, client -> client.connect(enterprise, "token " + ownerToken, instance));
    if (!answer.containsKey("credential")) {
      throw new CloudFailure.Unavailable(
          "the Cloud's answer to the connect handshake held no credential", null);
    }
    return answer.getString("credential");
  }

  /**
   * Asks the Cloud, as an owner, to remove this instance: undoes a handshake this Server could not
   * complete.
   */
  public void forget(String cloudUrl, String enterprise, String ownerToken, String serverId) {
    call(
        cloudUrl,
        client -> {
          client.disconnect(enterprise, serverId, "token " + ownerToken);
          return null;
        });
  }

  public void disconnect(String cloudUrl, String enterprise, String serverId, String credential) {
    call(
        cloudUrl,
        client -> {
          client.disconnect(enterprise, serverId, "Bearer " + credential);
          return null;
        });
  }

  /** The enterprise's public key for license usage files, as a JWK JSON object. */
  public JsonObject usageKey(String cloudUrl, String enterprise, String credential) {
    return call(cloudUrl, client -> client.usageKey(enterprise, "Bearer " + credential))
        .getJsonObject("key");
  }

  /**
   * Uploads a license usage document; retried when the Cloud is unavailable, never when it refuses.
   */
  @Retry(
      maxRetries = 3,
      delay = 2000,
      jitter = 500,
      retryOn = CloudFailure.Unavailable.class,
      abortOn = CloudFailure.Rejected.class)
  public JsonObject upload(
      String cloudUrl,
      String enterprise,
      String serverId,
      String uploadId,
      String credential,
      File document) {
    return call(
        cloudUrl,
        true,
        client -> client.upload(enterprise, serverId, uploadId, "Bearer " + credential, document));
  }

  private <T> T call(String cloudUrl, Function<CloudApiClient, T> request) {
    return call(cloudUrl, false, request);
  }

  /**
   * One call on a fresh client. {@code streamed}: the request body is sent chunked as it is read
   * (the usage document from its file) — Jersey's default connector otherwise sends a body of
   * unknown length through {@code HttpURLConnection}, which holds all of it in the heap first, so a
   * run's heap would grow with the number of accounts.
   */
  private <T> T call(String cloudUrl, boolean streamed, Function<CloudApiClient, T> request) {
    URI root = apiRoot(cloudUrl);
    RestClientBuilder builder =
        RestClientBuilder.newBuilder()
            .baseUri(root)
            .connectTimeout(connectTimeoutSeconds, TimeUnit.SECONDS)
            .readTimeout(readTimeoutSeconds, TimeUnit.SECONDS);
    if (streamed) {
      builder.property(JERSEY_ENTITY_PROCESSING, "CHUNKED");
    }
    CloudApiClient client = builder.build(CloudApiClient.class);
    try {
      return request.apply(client);
    } catch (WebApplicationException answered) {
      int status = answered.getResponse().getStatus();
      String message = cloudMessage(answered);
      if (status >= 500) {
        throw new CloudFailure.Unavailable(
            "the Cloud failed with HTTP " + status + ": " + message, answered);
      }
      throw new CloudFailure.Rejected(
          status, "the Cloud refused the request (HTTP " + status + "): " + message);
    } catch (ProcessingException failed) {
      throw new CloudFailure.Unavailable(describe(failed, root), failed);
    } finally {
      if (client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // nothing left to release
        }
      }
    }
  }

  private String describe(ProcessingException failed, URI root) {
    for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
        return "timed out: the Cloud at "
            + root
            + " did not answer within "
            + readTimeoutSeconds
            + " s";
      }
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        return "unreachable: could not connect to the Cloud at " + root;
      }
    }
    return "unreachable: the connection to the Cloud at "
        + root
        + " failed ("
        + failed.getClass().getSimpleName()
        + ")";
  }

  private static String cloudMessage(WebApplicationException answered) {
    try {
      String body = answered.getResponse().readEntity(String.class);
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        JsonObject json = reader.readObject();
        String message = json.getString("message", "no message");
        if (json.containsKey("errors") && !json.getJsonArray("errors").isEmpty()) {
          message += " — " + json.getJsonArray("errors").getJsonObject(0).getString("message", "");
        }
        return message;
      }
    } catch (RuntimeException unreadable) {
      return "no readable message";
    }
  }
}
