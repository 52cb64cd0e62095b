package io.licensesync.server.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Account ids from {@code user_account_seq}, in the SQL dialect of the database in use, for new
 * accounts and after an import brought accounts with their own ids (which new ids must not reuse).
 */
@ApplicationScoped
public class AccountIds {

  @PersistenceContext EntityManager em;

  /** The next account id. */
  public long next() {
    return ((Number)
            em.createNativeQuery(
                    dialect().getSequenceSupport().getSequenceNextValString("user_account_seq"))
                .getSingleResult())
        .longValue();
  }

  /** Moves the sequence past {@code maxId} when it is not already beyond it. */
  public void keepAbove(long maxId) {
    if (next() <= maxId) {
      em.createNativeQuery("ALTER SEQUENCE user_account_seq RESTART WITH " + (maxId + 1))
          .executeUpdate();
    }
  }

  private Dialect dialect() {
    return em.unwrap(Session.class)
        .getSessionFactory()
        .unwrap(SessionFactoryImplementor.class)
        .getJdbcServices()
        .getDialect();
  }
}
