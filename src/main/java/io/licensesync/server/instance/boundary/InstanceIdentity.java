package io.licensesync.server.instance.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.instance.entity.InstanceRecord;
import io.licensesync.server.instance.entity.ServerIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's identity: the server ID is made once, on the first start against an empty
 * database, and read back ever after; hostname and version come from configuration.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
@Lock(LockType.READ)
public class InstanceIdentity {

  private static final Logger LOG = Logger.getLogger(InstanceIdentity.class.getName());

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "licensesync.server.hostname", defaultValue = "localhost")
  String hostname;

  @Inject
  @ConfigProperty(name = "licensesync.server.version", defaultValue = "3.17.0")
  String version;

  private String serverId;
  private boolean firstStart;

  @PostConstruct
  void loadOrCreate() {
    InstanceRecord record = em.find(InstanceRecord.class, InstanceRecord.THE_ONE);
    if (record == null) {
      record = new InstanceRecord(UUID.randomUUID(), StoredTime.now());
      em.persist(record);
      firstStart = true;
      LOG.info("Created this instance's server ID");
    }
    serverId = record.serverId();
  }

  /** True when this start created the server ID, i.e. the database was empty. */
  public boolean firstStart() {
    return firstStart;
  }

  public String serverId() {
    return serverId;
  }

  public String hostname() {
    return hostname;
  }

  public String version() {
    return version;
  }

  /** Server ID, hostname and version together, for the documents that carry them. */
  public ServerIdentity identity() {
    return new ServerIdentity(serverId, hostname, version);
  }
}
