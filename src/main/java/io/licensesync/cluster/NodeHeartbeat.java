package io.licensesync.cluster;

import io.licensesync.database.Databases;
import io.licensesync.input.Durations;
import io.licensesync.metrics.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Beats for this node every {@code licensesync.node.heartbeat-interval} (a non-persistent timer on
 * each node), so the others can tell it is alive; records the node's start first.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class NodeHeartbeat {

  private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

  @Resource TimerService timers;
  @Inject Nodes nodes;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "licensesync.node.heartbeat-interval", defaultValue = "PT20S")
  String interval;

  @PostConstruct
  void start() {
    nodes.started();
    long millis = Durations.positive(interval, "licensesync.node.heartbeat-interval").toMillis();
    timers.createIntervalTimer(millis, millis, new TimerConfig("node heartbeat", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void beat() {
    meters.tick(Meters.NODE_HEARTBEAT);
    try {
      nodes.beat();
    } catch (RuntimeException e) {
      // the database may be away for a moment: the next beat tries again
      LOG.warning(() -> "Could not record this node's heartbeat: " + Databases.reason(e));
    }
  }
}
