package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.audit.boundary.CloudAudit;
import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import io.licensesync.cloud.instances.entity.ConnectedInstance;
import io.licensesync.cloud.instances.entity.UsageSource;
import io.licensesync.database.StoredTime;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.Validated;
import io.licensesync.security.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The connect handshake and its reverse: an owner registers a Server instance in an enterprise and
 * gets the instance's upload credential (shown once, kept as a digest); disconnecting removes the
 * instance and its usage. Also records refused uploads, in a transaction of their own.
 */
@ApplicationScoped
@Transactional
public class Instances {

  /** The prefix of instances' upload credentials. */
  public static final String CREDENTIAL_PREFIX = "lsi_";

  private static final Logger LOG = Logger.getLogger(Instances.class.getName());
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HOSTNAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?");

  @PersistenceContext EntityManager em;
  @Inject CloudAudit audit;
  @Inject Event<EnterpriseUsageChanged> usageChanged;

  /**
   * Registers (or re-registers, rotating its credential) a Server instance in an enterprise.
   *
   * @return the instance, its new credential, and whether it was new
   */
  public Connection connect(
      long enterpriseId, String serverId, String hostname, String version, String by) {
    Validated.check("ServerInstance", new InstanceFields(serverId, hostname, version));
    if (serverId == null || !SERVER_ID.matcher(serverId).matches()) {
      throw ApiException.invalid(
          "ServerInstance",
          "server_id",
          "invalid",
          "server_id must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
      throw ApiException.invalid(
          "ServerInstance",
          "hostname",
          "invalid",
          "hostname must be a host name such as github.example.com");
    }
    if (version == null || version.isBlank() || version.length() > 64) {
      throw ApiException.invalid(
          "ServerInstance", "version", "invalid", "version is required, at most 64 characters");
    }
    String credential = Tokens.newToken(CREDENTIAL_PREFIX);
    Optional<ConnectedInstance> existing = find(enterpriseId, serverId);
    ConnectedInstance instance =
        existing.orElseGet(
            () ->
                new ConnectedInstance(enterpriseId, serverId, hostname, version, StoredTime.now()));
    instance.describe(hostname, version);
    instance.connect(Tokens.digest(credential), by, StoredTime.now());
    if (existing.isEmpty()) {
      em.persist(instance);
    }
    em.flush();
    audit.record(
        enterpriseId,
        existing.isEmpty() ? "instance.connect" : "instance.reconnect",
        null,
        hostname,
        "server " + serverId + ", version " + version);
    LOG.info(
        () -> "Server instance " + serverId + (existing.isEmpty() ? " connected" : " reconnected"));
    return new Connection(instance, credential, existing.isEmpty());
  }

  public void disconnect(long enterpriseId, String serverId) {
    ConnectedInstance instance = find(enterpriseId, serverId).orElseThrow(ApiException::notFound);
    em.createQuery("delete from InstanceAccount a where a.instanceId = :instance")
        .setParameter("instance", instance.id())
        .executeUpdate();
    // the members its accounts were matched to (a bulk table without foreign keys, V27)
    em.createNativeQuery("DELETE FROM account_member WHERE instance_id = ?1")
        .setParameter(1, instance.id())
        .executeUpdate();
    em.remove(instance);
    em.flush();
    audit.record(
        enterpriseId,
        "instance.disconnect",
        instance.hostname(),
        null,
        "server " + serverId + ", its usage removed");
    usageChanged.fire(
        new EnterpriseUsageChanged(
            enterpriseId, "instance " + instance.hostname() + " disconnected"));
    LOG.info(() -> "Server instance " + serverId + " disconnected, its usage removed");
  }

  public Optional<ConnectedInstance> find(long enterpriseId, String serverId) {
    if (serverId == null || !TextRules.fits(serverId, TextRules.SERVER_ID)) {
      return Optional.empty();
    }
    return em.createNamedQuery(ConnectedInstance.BY_SERVER_ID, ConnectedInstance.class)
        .setParameter("enterprise", enterpriseId)
        .setParameter("serverId", serverId)
        .getResultStream()
        .findFirst();
  }

  public List<ConnectedInstance> of(long enterpriseId) {
    return em.createNamedQuery(ConnectedInstance.OF_ENTERPRISE, ConnectedInstance.class)
        .setParameter("enterprise", enterpriseId)
        .getResultList();
  }

  public Optional<ConnectedInstance> byCredential(String credential) {
    return em.createNamedQuery(ConnectedInstance.BY_CREDENTIAL, ConnectedInstance.class)
        .setParameter("digest", Tokens.digest(credential))
        .getResultStream()
        .findFirst();
  }

  /**
   * Records a refused upload as the instance's last sync, whatever became of the upload's own
   * transaction.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordFailure(long instanceId, String error, UsageSource via) {
    ConnectedInstance instance = em.find(ConnectedInstance.class, instanceId);
    if (instance != null) {
      instance.syncFailed(error, via, StoredTime.now());
    }
  }

  /** An instance just connected and its credential, shown this once. */
  public record Connection(ConnectedInstance instance, String credential, boolean created) {}

  /** What a Server says of itself when it connects, each within its column. */
  record InstanceFields(
      @Text(max = TextRules.SERVER_ID) String serverId,
      @Text(max = TextRules.HOSTNAME) String hostname,
      @Text(max = TextRules.VERSION) String version) {}
}
