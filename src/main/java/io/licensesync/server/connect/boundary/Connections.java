package io.licensesync.server.connect.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.security.CredentialVault;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.server.connect.control.CloudFailure;
import io.licensesync.server.connect.control.CloudGateway;
import io.licensesync.server.connect.control.CloudUrls;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.boundary.InstanceIdentity;
import io.licensesync.server.instance.entity.InstanceRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
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
  @Inject CloudUrls cloudUrls;

  public Optional<CloudConnection> current() {
    return Optional.ofNullable(em.find(CloudConnection.class, CloudConnection.THE_ONE));
  }

  /**
   * Connects, or refuses: 409 when already connected, 422 for a bad URL or one outside the
   * allow-list, 403/502 from the Cloud. Concurrent connects are serialised on this Server's
   * identity row; when anything fails after the Cloud may have registered the instance, the Cloud
   * is asked to forget it again, so a failed connect leaves no instance on either side.
   */
  public CloudConnection connect(String cloudUrl, String enterprise, String ownerToken, String by) {
    try {
      return connectOrRefuse(cloudUrl, enterprise, ownerToken, by);
    } catch (ApiException refused) {
      audit.refused(
          "github_connect.connect_failed",
          null,
          TextRules.fits(enterprise, TextRules.SLUG) ? enterprise : null,
          refused);
      throw refused;
    }
  }

  private CloudConnection connectOrRefuse(
      String cloudUrl, String enterprise, String ownerToken, String by) {
    Validated.check("Connection", new ConnectRequest(cloudUrl, enterprise, ownerToken));
    em.find(InstanceRecord.class, InstanceRecord.THE_ONE, LockModeType.PESSIMISTIC_WRITE);
    if (current().isPresent()) {
      throw ApiException.conflict(
          "This Server is already connected to a Cloud enterprise; disconnect it first.");
    }
    String url = cloudUrls.check(cloudUrl);
    if (enterprise == null || enterprise.isBlank()) {
      throw ApiException.invalid(
          "Connection",
          "enterprise",
          "missing_field",
          "enterprise is required: the slug of the Cloud enterprise");
    }
    if (ownerToken == null || ownerToken.isBlank()) {
      throw ApiException.invalid(
          "Connection",
          "token",
          "missing_field",
          "token is required: a personal access token of an owner of the enterprise");
    }
    String slug = enterprise.strip();
    String token = ownerToken.strip();
    String credential;
    try {
      credential =
          cloud.connect(
              url, slug, token, identity.serverId(), identity.hostname(), identity.version());
    } catch (CloudFailure.Rejected refused) {
      if (refused.status() == 401 || refused.status() == 404) {
        throw ApiException.forbidden(
            "The Cloud did not accept this token as an owner of the enterprise '"
                + slug
                + "'; nothing changed.");
      }
      throw new ApiException(
          502, "The Cloud refused the connection: " + refused.getMessage(), null, null);
    } catch (CloudFailure failure) {
      forgetOnCloud(url, slug, token);
      throw new ApiException(
          502, "Could not connect: " + failure.getMessage() + "; nothing changed.", null, null);
    }
    try {
      CloudConnection connection =
          new CloudConnection(
              CloudGateway.apiRoot(url).toString(),
              slug,
              vault.protect(credential),
              by,
              StoredTime.now());
      em.persist(connection);
      audit.record(by, "github_connect.connect", null, slug, "Cloud " + connection.cloudUrl());
      em.flush();
      LOG.info(() -> "Connected to Cloud enterprise " + connection.enterprise());
      return connection;
    } catch (RuntimeException failed) {
      forgetOnCloud(url, slug, token);
      throw failed;
    }
  }

  /**
   * Undoes a handshake this Server could not complete: the Cloud removes the instance it
   * registered.
   */
  private void forgetOnCloud(String url, String slug, String ownerToken) {
    try {
      cloud.forget(url, slug, ownerToken, identity.serverId());
    } catch (RuntimeException unreachable) {
      LOG.warning(
          () ->
              "A failed connect could not be undone on the Cloud (it may list this instance as never synced): "
                  + unreachable.getMessage());
    }
  }

  /**
   * Deletes the connection and its credential after telling the Cloud, which removes this
   * instance's usage; the two sides end in agreement. The connection row is locked and removed
   * first (not yet committed), then the Cloud is told: when the Cloud cannot be told, nothing
   * changes here either (502), unless {@code evenIfCloudUnreachable}, which disconnects this side
   * alone and says so. A Cloud that no longer knows the instance (404, or 401 for its credential)
   * counts as told.
   */
  public Disconnection disconnect(String by, boolean evenIfCloudUnreachable) {
    String enterprise = current().map(CloudConnection::enterprise).orElse(null);
    try {
      return disconnectOrRefuse(by, evenIfCloudUnreachable);
    } catch (ApiException refused) {
      audit.refused("github_connect.disconnect_failed", enterprise, null, refused);
      throw refused;
    }
  }

  private Disconnection disconnectOrRefuse(String by, boolean evenIfCloudUnreachable) {
    CloudConnection connection =
        current()
            .orElseThrow(
                () -> ApiException.conflict("This Server is not connected to a Cloud enterprise."));
    // Under a row lock: a scheduled run claimed or finished meanwhile (on any node) waits for this.
    em.refresh(connection, LockModeType.PESSIMISTIC_WRITE);
    em.remove(connection);
    em.flush();
    boolean told = true;
    try {
      String credential;
      try {
        credential = vault.reveal(connection.protectedCredential());
      } catch (IllegalStateException unreadable) {
        throw new CloudFailure.Unavailable(
            "the stored instance credential cannot be read (was the secret key changed?)",
            unreadable);
      }
      cloud.disconnect(
          connection.cloudUrl(), connection.enterprise(), identity.serverId(), credential);
    } catch (CloudFailure.Rejected refused) {
      if (refused.status() != 404 && refused.status() != 401) {
        throw new ApiException(
            502,
            "The Cloud refused to disconnect this Server ("
                + refused.getMessage()
                + "). Nothing changed: both sides are still connected.",
            null,
            null);
      }
    } catch (CloudFailure failure) {
      if (!evenIfCloudUnreachable) {
        throw new ApiException(
            502,
            "Could not tell the Cloud ("
                + failure.getMessage()
                + "). Nothing changed: both sides are still connected. Try again, or disconnect this Server alone.",
            null,
            null);
      }
      told = false;
      LOG.warning(() -> "Disconnected without telling the Cloud: " + failure.getMessage());
    }
    audit.record(
        by,
        "github_connect.disconnect",
        connection.enterprise(),
        null,
        told
            ? "the Cloud removed this instance"
            : "the Cloud could not be told; this Server alone was disconnected");
    if (connection.licenseSyncEnabled()) {
      audit.record(
          by, "license_sync.setting", "Enabled", "Disabled", "turned off by disconnecting");
    }
    return new Disconnection(connection.enterprise(), told);
  }

  /** What disconnecting did: the enterprise left, and whether the Cloud was told. */
  public record Disconnection(String enterprise, boolean cloudTold) {}

  /** What an admin hands the connect use case, each text bounded by where it goes. */
  record ConnectRequest(
      @Text(max = TextRules.CLOUD_URL) String cloudUrl,
      @Text(max = TextRules.SLUG) String enterprise,
      @Text(max = TextRules.SHORT) String token) {}
}
