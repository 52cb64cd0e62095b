package io.licensesync.cloud.audit.boundary;

import io.licensesync.audit.AuditFilter;
import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.audit.entity.CloudAuditEvent;
import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Records an enterprise's audit events in the caller's transaction (so a refused change leaves no
 * trace), refused attempts in a transaction of their own, and lists one enterprise's events
 * filtered by actor, action and time. The actor is whoever acts in this request: an owner's login,
 * {@code (operator)}, {@code (instance)} or {@code (system)}.
 */
@ApplicationScoped
@Transactional
public class CloudAudit {

  @PersistenceContext EntityManager em;
  @Inject CloudCaller caller;
  @Inject CloudSession session;

  public void record(long enterpriseId, String action, String from, String to, String details) {
    em.persist(
        new CloudAuditEvent(enterpriseId, StoredTime.now(), actor(), action, from, to, details));
  }

  /** Records a refused attempt; it stays although the caller's transaction rolls back. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(long enterpriseId, String action, ApiException refusal) {
    ErrorBody body = refusal.body();
    StringBuilder why = new StringBuilder(refusal.status() + " " + body.message());
    if (body.errors() != null) {
      body.errors().forEach(e -> why.append("; ").append(e.message()));
    }
    record(enterpriseId, action, null, null, why.toString());
  }

  private String actor() {
    try {
      if (caller.kind() != null) {
        return switch (caller.kind()) {
          case OPERATOR -> "(operator)";
          case INSTANCE -> "(instance)";
          case MEMBER -> caller.login();
        };
      }
    } catch (ContextNotActiveException noRequest) {
      return "(system)";
    }
    try {
      return session.isSignedIn() ? session.getLogin() : "(system)";
    } catch (ContextNotActiveException noSession) {
      return "(system)";
    }
  }

  /** The enterprise's events {@code filter} selects, newest first. */
  public List<CloudAuditEvent> page(long enterpriseId, AuditFilter filter, int offset, int limit) {
    return query(enterpriseId, filter, "")
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Up to {@code limit} of them older than the event {@code beforeId}, for the CSV. */
  public List<CloudAuditEvent> olderThan(
      long enterpriseId, AuditFilter filter, long beforeId, int limit) {
    return query(enterpriseId, filter, " and e.id < :beforeId")
        .setParameter("beforeId", beforeId)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(long enterpriseId, AuditFilter filter) {
    TypedQuery<Long> query =
        em.createQuery(
                "select count(e) from CloudAuditEvent e where e.enterpriseId = :enterprise"
                    + filter.and(),
                Long.class)
            .setParameter("enterprise", enterpriseId);
    filter.parameters().forEach(query::setParameter);
    return query.getSingleResult();
  }

  private TypedQuery<CloudAuditEvent> query(long enterpriseId, AuditFilter filter, String more) {
    TypedQuery<CloudAuditEvent> query =
        em.createQuery(
                "select e from CloudAuditEvent e where e.enterpriseId = :enterprise"
                    + filter.and()
                    + more
                    + " order by e.id desc",
                CloudAuditEvent.class)
            .setParameter("enterprise", enterpriseId);
    filter.parameters().forEach(query::setParameter);
    return query;
  }
}
