package io.licensesync.server.audit.boundary;

import io.licensesync.audit.AuditFilter;
import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import io.licensesync.server.access.boundary.Actor;
import io.licensesync.server.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Records changes in the caller's transaction (so a refused change leaves no trace), records
 * refused attempts in a transaction of their own (so they stay although the change is undone), and
 * lists the trail filtered by actor, action and time. Never given a secret, a password or an email.
 */
@ApplicationScoped
@Transactional
public class Audit {

  @PersistenceContext EntityManager em;
  @Inject Actor actor;

  public void record(String actor, String action, String from, String to, String details) {
    em.persist(new AuditEvent(StoredTime.now(), actor, action, from, to, details));
  }

  /**
   * Records a change by whoever acts in this request ({@link Actor}); an admin's impersonation
   * token is said in the details, as it is never the person's own doing.
   */
  public void record(String action, String from, String to, String details) {
    record(actor.login(), action, from, to, impersonationNoted(details));
  }

  /**
   * Records an attempt that was refused: it stays on the trail although the caller's transaction
   * rolls back.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(String action, String from, String to, String why) {
    record(actor.login(), action, from, to, impersonationNoted(why));
  }

  /**
   * Records a refused attempt with the refusal's words (its message and each field's), in a
   * transaction of its own as {@link #refused(String, String, String, String)}.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(String action, String from, String to, ApiException refusal) {
    ErrorBody body = refusal.body();
    StringBuilder why = new StringBuilder(refusal.status() + " " + body.message());
    if (body.errors() != null) {
      body.errors().forEach(e -> why.append("; ").append(e.message()));
    }
    refused(action, from, to, why.toString());
  }

  private String impersonationNoted(String details) {
    if (!actor.impersonating()) {
      return details;
    }
    return details == null ? "through an impersonation token" : details + " (impersonation token)";
  }

  /** Newest first, {@code perPage} from {@code offset}. */
  public List<AuditEvent> page(int offset, int perPage) {
    return page(AuditFilter.NONE, offset, perPage);
  }

  /** The events {@code filter} selects, newest first, {@code perPage} from {@code offset}. */
  public List<AuditEvent> page(AuditFilter filter, int offset, int perPage) {
    return query("select e from AuditEvent e" + filter.where() + " order by e.id desc", filter)
        .setFirstResult(offset)
        .setMaxResults(perPage)
        .getResultList();
  }

  /**
   * The next {@code limit} events {@code filter} selects older than the event {@code beforeId}
   * (newest first; {@link Long#MAX_VALUE} to start): the CSV reads the trail this way, a page at a
   * time through the primary key, however long it is.
   */
  public List<AuditEvent> olderThan(AuditFilter filter, long beforeId, int limit) {
    return query(
            "select e from AuditEvent e where e.id < :beforeId"
                + filter.and()
                + " order by e.id desc",
            filter)
        .setParameter("beforeId", beforeId)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    return count(AuditFilter.NONE);
  }

  public long count(AuditFilter filter) {
    TypedQuery<Long> query =
        em.createQuery("select count(e) from AuditEvent e" + filter.where(), Long.class);
    filter.parameters().forEach(query::setParameter);
    return query.getSingleResult();
  }

  private TypedQuery<AuditEvent> query(String jpql, AuditFilter filter) {
    TypedQuery<AuditEvent> query = em.createQuery(jpql, AuditEvent.class);
    filter.parameters().forEach(query::setParameter);
    return query;
  }
}
