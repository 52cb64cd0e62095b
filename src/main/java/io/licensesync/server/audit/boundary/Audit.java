package io.licensesync.server.audit.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Records changes in the caller's transaction (so a refused change leaves no trace) and lists them.
 */
@ApplicationScoped
@Transactional
public class Audit {

  @PersistenceContext EntityManager em;

  public void record(String actor, String action, String from, String to, String details) {
    em.persist(new AuditEvent(StoredTime.now(), actor, action, from, to, details));
  }

  /** Newest first, {@code perPage} from {@code offset}. */
  public List<AuditEvent> page(int offset, int perPage) {
    return em.createNamedQuery(AuditEvent.NEWEST_FIRST, AuditEvent.class)
        .setFirstResult(offset)
        .setMaxResults(perPage)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(e) from AuditEvent e", Long.class).getSingleResult();
  }
}
