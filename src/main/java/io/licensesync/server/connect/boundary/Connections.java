package io.licensesync.server.connect.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import io.licensesync.rest.TextFields;
import io.licensesync.security.CredentialVault;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.control.CloudFailure;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Connecting this Server to a Cloud enterprise and disconnecting it. The handshake happens before
 * anything is stored, so a refused connect changes nothing; disconnecting deletes the stored
 * credential (which turns license sync off) and tells the Cloud when it can.
 */
@ApplicationScoped
@Transactional
public class Connections {

  private static final Logger LOG = Logger.getLogger(Connections.class.getName());

  @PersistenceContext EntityManager em;
  @Inject CloudGateway cloud;
  @Inject CredentialVault vault;
  @Inject InstanceIdentity identity;
  @Inject Audit audit;

  public Optional<CloudConnection> current() {
    return Optional.ofNullable(em.find(CloudConnection.class, CloudConnection.THE_ONE));
  }

  /** Connects, or refuses: 409 when already connected, 422 for a bad URL, 403/502 from the Cloud. */
  public CloudConnection connect(String cloudUrl, String enterprise, String ownerToken, String by) {
    if (current().isPresent()) {
      throw ApiException.conflict("This Server is already connected to a Cloud enterprise; disconnect it first.");
    }
    List<ErrorBody.ErrorDetail> problems = new ArrayList<>();
    TextFields.problem("Connection", "cloud_url", cloudUrl, TextRules.CLOUD_URL).ifPresent(problems::add);
    TextFields.problem("Connection", "enterprise", enterprise, TextRules.SLUG).ifPresent(problems::add);
    TextFields.problem("Connection", "token", ownerToken, TextRules.SHORT).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    checkUrl(cloudUrl);
    if (enterprise == null || enterprise.isBlank()) {
      throw ApiException.invalid("Connection", "enterprise", "missing_field", "enterprise is required: the slug of the Cloud enterprise");
    }
    if (ownerToken == null || ownerToken.isBlank()) {
      throw ApiException.invalid("Connection", "token", "missing_field", "token is required: a personal access token of an owner of the enterprise");
    }
    String credential;
    try {
      credential = cloud.connect(cloudUrl, enterprise.strip(), ownerToken.strip(), identity.serverId(), identity.hostname(), identity.version());
    } catch (CloudFailure.Rejected refused) {
      if (refused.status() == 401 || refused.status() == 404) {
        throw ApiException.forbidden("The Cloud did not accept this token as an owner of the enterprise '" + enterprise.strip() + "'; nothing changed.");
      }
      throw new ApiException(502, "The Cloud refused the connection: " + refused.getMessage(), null, null);
    } catch (CloudFailure failure) {
      throw new ApiException(502, "Could not connect: " + failure.getMessage(), null, null);
    }
    CloudConnection connection = new CloudConnection(CloudGateway.apiRoot(cloudUrl).toString(), enterprise.strip(), vault.protect(credential), by, StoredTime.now());
    em.persist(connection);
    audit.record(by, "github_connect.connect", null, enterprise.strip(), "Cloud " + connection.cloudUrl());
    LOG.info(() -> "Connected to Cloud enterprise " + connection.enterprise());
    return connection;
  }

  /** Deletes the connection and its credential; tells the Cloud, which removes this instance's usage. */
  public Disconnection disconnect(String by) {
    CloudConnection connection = current().orElseThrow(() -> ApiException.conflict("This Server is not connected to a Cloud enterprise."));
    boolean told = true;
    try {
      cloud.disconnect(connection.cloudUrl(), connection.enterprise(), identity.serverId(), vault.reveal(connection.protectedCredential()));
    } catch (CloudFailure | IllegalStateException unreachable) {
      told = false;
      LOG.warning(() -> "Disconnected without telling the Cloud: " + unreachable.getMessage());
    }
    // Re-read under a row lock: a scheduled run claimed or finished meanwhile (on any node) has moved
    // the row's version, and removing the stale copy would fail after the Cloud was already told.
    em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
    em.remove(connection);
    audit.record(by, "github_connect.disconnect", connection.enterprise(), null, told ? "the Cloud removed this instance" : "the Cloud could not be told");
    if (connection.licenseSyncEnabled()) {
      audit.record(by, "license_sync.setting", "Enabled", "Disabled", "turned off by disconnecting");
    }
    return new Disconnection(connection.enterprise(), told);
  }

  private static void checkUrl(String cloudUrl) {
    try {
      URI uri = URI.create(cloudUrl == null ? "" : cloudUrl.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Connection", "cloud_url", "invalid", "cloud_url must be an http or https URL such as https://cloud.example.com");
    }
  }

  /** What disconnecting did: the enterprise left, and whether the Cloud was told. */
  public record Disconnection(String enterprise, boolean cloudTold) {}
}
