package io.licensesync.cluster;

import io.licensesync.database.StoredTime;
import io.licensesync.input.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's identity — {@code licensesync.node.id}, by default the host's name, so a node that
 * restarts is the same node — and the heartbeats of all nodes on the database: a node whose last
 * beat is older than {@code licensesync.node.stale-after} has stopped.
 */
@ApplicationScoped
@Transactional
public class Nodes {

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "licensesync.node.id")
  Optional<String> configuredId;

  @Inject
  @ConfigProperty(name = "licensesync.node.stale-after", defaultValue = "PT2M")
  String staleAfter;

  private String id;

  /** This node's id: configured, else the host's name (at most 64 characters). */
  public String thisNode() {
    if (id == null) {
      String chosen =
          configuredId.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(Nodes::hostName);
      id = chosen.length() > 64 ? chosen.substring(0, 64) : chosen;
    }
    return id;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Records that this node (re)started now. */
  public void started() {
    record(true);
  }

  /** This node is alive now. */
  public void beat() {
    record(false);
  }

  private void record(boolean start) {
    Instant now = StoredTime.now();
    ClusterNode node = em.find(ClusterNode.class, thisNode());
    if (node == null) {
      em.persist(new ClusterNode(thisNode(), now));
    } else if (start) {
      node.started(now);
    } else {
      node.beat(now);
    }
  }

  /** How long without a beat before a node counts as stopped. */
  public Duration staleAfter() {
    return Durations.positive(staleAfter, "licensesync.node.stale-after");
  }

  /**
   * The nodes other than this one whose last beat is older than {@link #staleAfter} at {@code now}.
   */
  public List<String> stoppedNodes(Instant now) {
    return em.createQuery(
            "select n.nodeId from ClusterNode n where n.beatAt < :limit and n.nodeId <> :self",
            String.class)
        .setParameter("limit", now.minus(staleAfter()))
        .setParameter("self", thisNode())
        .getResultList();
  }
}
