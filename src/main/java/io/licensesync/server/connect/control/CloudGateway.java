package io.licensesync.server.connect.control;

import io.licensesync.input.Durations;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The one translator between this Server and the Cloud's API: builds the MicroProfile REST client
 * for the connection's URL with the configured timeouts and a total deadline per call (connect,
 * write the body, read the answer), judges every answer with {@link CloudAnswer}, and turns every
 * way a call can go wrong into a {@link CloudFailure} whose message says what happened
 * (unreachable, timed out, cut off, redirected, not the Cloud's API, refused with the Cloud's own
 * message). Uploads are retried with a delay through Fault Tolerance when retrying can help.
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

  /** Jersey's {@code ClientProperties.CONNECTOR_PROVIDER}, a class name; others ignore it. */
  static final String JERSEY_CONNECTOR_PROVIDER = "jersey.config.client.connector.provider";

  /**
   * {@link DeadlineConnectorProvider} by name only: a class literal would load it, and on a server
   * without Jersey (WildFly) its Jersey supertype cannot be linked.
   */
  static final String DEADLINE_CONNECTOR_PROVIDER =
      "io.licensesync.server.connect.control.DeadlineConnectorProvider";

  /** MicroProfile REST client: every status comes back as a response, judged in one place. */
  static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.connect-timeout", defaultValue = "10")
  long connectTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.read-timeout", defaultValue = "300")
  long readTimeoutSeconds;

  /** The whole of one call; the default lets 1,000,000 accounts (about 100 MB) go at 1 Mbit/s. */
  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.deadline", defaultValue = "PT30M")
  String deadline;

  @Resource ManagedScheduledExecutorService scheduler;

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
    return CloudAnswer.requiredString(answer, "credential", "the connect handshake");
  }

  /**
   * Asks the Cloud, as an owner, to remove this instance: undoes a handshake this Server could not
   * complete.
   */
  public void forget(String cloudUrl, String enterprise, String ownerToken, String serverId) {
    call(cloudUrl, client -> client.disconnect(enterprise, serverId, "token " + ownerToken));
  }

  public void disconnect(String cloudUrl, String enterprise, String serverId, String credential) {
    call(cloudUrl, client -> client.disconnect(enterprise, serverId, "Bearer " + credential));
  }

  /** The enterprise's public key for license usage files, as a JWK JSON object. */
  public JsonObject usageKey(String cloudUrl, String enterprise, String credential) {
    JsonObject answer =
        call(cloudUrl, client -> client.usageKey(enterprise, "Bearer " + credential));
    return CloudAnswer.requiredObject(answer, "key", "the license usage key request");
  }

  /**
   * Uploads a license usage document; retried when the Cloud is unavailable, never when it refuses
   * or answers something that is not its API.
   */
  @Retry(
      maxRetries = 3,
      delay = 2000,
      jitter = 500,
      retryOn = CloudFailure.Unavailable.class,
      abortOn = {CloudFailure.Rejected.class, CloudFailure.Malformed.class})
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

  private JsonObject call(String cloudUrl, Function<CloudApiClient, Response> request) {
    return call(cloudUrl, false, request);
  }

  /**
   * One call on a fresh client, within the deadline. {@code streamed}: the request body is sent
   * chunked as it is read (the usage document from its file) — Jersey's default connector otherwise
   * sends a body of unknown length through {@code HttpURLConnection}, which holds all of it in the
   * heap first, so a run's heap would grow with the number of accounts.
   */
  private JsonObject call(
      String cloudUrl, boolean streamed, Function<CloudApiClient, Response> request) {
    URI root = apiRoot(cloudUrl);
    RestClientBuilder builder =
        RestClientBuilder.newBuilder()
            .baseUri(root)
            .connectTimeout(connectTimeoutSeconds, TimeUnit.SECONDS)
            .readTimeout(readTimeoutSeconds, TimeUnit.SECONDS)
            .followRedirects(false)
            .property(DISABLE_DEFAULT_MAPPER, true)
            .property(JERSEY_CONNECTOR_PROVIDER, DEADLINE_CONNECTOR_PROVIDER);
    if (streamed) {
      builder.property(JERSEY_ENTITY_PROCESSING, "CHUNKED");
    }
    CloudApiClient client = builder.build(CloudApiClient.class);
    Duration limit = Durations.positive(deadline, "licensesync.server.cloud.deadline");
    try (CallDeadline within = CallDeadline.start(scheduler, limit)) {
      within.onExpiry(() -> close(client));
      try {
        return judged(request.apply(client));
      } catch (ProcessingException failed) {
        throw new CloudFailure.Unavailable(
            within.expired() ? timedOut(root, limit) : describe(failed, root), failed);
      } catch (CloudFailure.Unavailable cutOff) {
        throw within.expired()
            ? new CloudFailure.Unavailable(timedOut(root, limit), cutOff)
            : cutOff;
      } catch (RuntimeException aborted) {
        // closing the client at the deadline may surface as the implementation's own exception
        if (within.expired() && !(aborted instanceof CloudFailure)) {
          throw new CloudFailure.Unavailable(timedOut(root, limit), aborted);
        }
        throw aborted;
      }
    } finally {
      close(client);
    }
  }

  /** Reads at most {@link CloudAnswer#MAX_BYTES} of the answer and judges it. */
  private static JsonObject judged(Response response) {
    try (response) {
      byte[] body = new byte[0];
      boolean cutOff = false;
      if (response.hasEntity()) {
        try (InputStream in = response.readEntity(InputStream.class)) {
          body = in.readNBytes(CloudAnswer.MAX_BYTES);
        } catch (IOException | ProcessingException broken) {
          cutOff = true;
        }
        // the connection may end early without an error: fewer bytes than the answer announced
        int announced = response.getLength();
        cutOff |= announced > body.length && body.length < CloudAnswer.MAX_BYTES;
      }
      return CloudAnswer.judge(
          response.getStatus(),
          response.getHeaderString("Content-Type"),
          response.getHeaderString("Location"),
          response.getHeaderString("Retry-After"),
          body,
          cutOff);
    }
  }

  private static String timedOut(URI root, Duration limit) {
    return "timed out: the call to the Cloud at "
        + root
        + " did not finish within its deadline of "
        + limit
        + " (licensesync.server.cloud.deadline)";
  }

  private static void close(CloudApiClient client) {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // nothing left to release
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
}
