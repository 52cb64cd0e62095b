package io.licensesync.cloud.audit.entity;

import io.licensesync.audit.AuditRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event of an enterprise's audit log on the Cloud ({@link AuditRecord}: never a secret nor an
 * email). Only that enterprise's owners read it.
 */
@Entity
@Table(name = "cloud_audit_event")
public class CloudAuditEvent extends AuditRecord {

  @Id
  @SequenceGenerator(
      name = "cloud_audit_event_seq",
      sequenceName = "cloud_audit_event_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_audit_event_seq")
  private Long id;

  @Column(name = "enterprise_id", nullable = false)
  private long enterpriseId;

  protected CloudAuditEvent() {}

  public CloudAuditEvent(
      long enterpriseId,
      Instant at,
      String actor,
      String action,
      String fromValue,
      String toValue,
      String details) {
    super(at, actor, action, fromValue, toValue, details);
    this.enterpriseId = enterpriseId;
  }

  @Override
  public Long id() {
    return id;
  }

  public long enterpriseId() {
    return enterpriseId;
  }
}
