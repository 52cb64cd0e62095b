package io.licensesync.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One application node as the database knows it: when it started and when it last beat. */
@Entity
@Table(name = "cluster_node")
public class ClusterNode {

  @Id
  @Column(name = "node_id", length = 64)
  private String nodeId;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "beat_at", nullable = false)
  private Instant beatAt;

  protected ClusterNode() {}

  ClusterNode(String nodeId, Instant startedAt) {
    this.nodeId = nodeId;
    this.startedAt = startedAt;
    this.beatAt = startedAt;
  }

  void started(Instant at) {
    startedAt = at;
    beatAt = at;
  }

  void beat(Instant at) {
    beatAt = at;
  }

  public String nodeId() {
    return nodeId;
  }

  public Instant beatAt() {
    return beatAt;
  }
}
