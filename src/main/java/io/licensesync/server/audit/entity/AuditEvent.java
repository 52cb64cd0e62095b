package io.licensesync.server.audit.entity;

import io.licensesync.audit.AuditRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event of this Server's audit trail ({@link AuditRecord}: never a secret nor an email). */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.NEWEST_FIRST, query = "select e from AuditEvent e order by e.id desc")
public class AuditEvent extends AuditRecord {

  public static final String NEWEST_FIRST = "AuditEvent.newestFirst";

  @Id
  @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
  private Long id;

  protected AuditEvent() {}

  public AuditEvent(
      Instant at, String actor, String action, String fromValue, String toValue, String details) {
    super(at, actor, action, fromValue, toValue, details);
  }

  @Override
  public Long id() {
    return id;
  }
}
