package io.licensesync.server.instance.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The one row that holds this instance's server ID, made at first start and never changed. */
@Entity
@Table(name = "server_instance")
public class InstanceRecord {

  /** The primary key of the single row. */
  public static final int THE_ONE = 1;

  @Id private Integer id;

  @Column(name = "server_id", nullable = false, length = 36)
  private String serverId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected InstanceRecord() {}

  public InstanceRecord(UUID serverId, Instant createdAt) {
    this.id = THE_ONE;
    this.serverId = serverId.toString();
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public String serverId() {
    return serverId;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
