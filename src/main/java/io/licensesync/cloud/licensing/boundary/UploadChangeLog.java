package io.licensesync.cloud.licensing.boundary;

import io.licensesync.input.TextRules;
import io.licensesync.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * What recent applied uploads changed on their instances (recorded by matching, see {@code
 * UploadChanges}): newest first, of one instance or of all the enterprise's.
 */
@ApplicationScoped
@Transactional
public class UploadChangeLog {

  @PersistenceContext EntityManager em;

  /**
   * What one applied upload changed on its instance, compared with the instance's previous applied
   * upload ({@code compared} false for its first: every account is then new).
   */
  public record UploadChange(
      long id,
      String serverId,
      String hostname,
      String uploadId,
      String via,
      Instant appliedAt,
      int accounts,
      boolean compared,
      int newlyConsuming,
      int noLongerConsuming,
      int newlyMatched,
      int unmatched) {}

  /**
   * A page of the enterprise's upload changes, of instance {@code serverId} only when not null (404
   * when the enterprise has no such instance, 422 when it cannot be a server id).
   */
  public List<UploadChange> page(long enterpriseId, String serverId, int page, int perPage) {
    if (serverId != null) {
      if (!TextRules.fits(serverId, TextRules.SERVER_ID)) {
        throw ApiException.invalid(
            "Parameter", "server_id", "invalid", "server_id is not a server instance id");
      }
      Number known =
          (Number)
              em.createNativeQuery(
                      "SELECT COUNT(*) FROM connected_instance"
                          + " WHERE enterprise_id = ?1 AND server_id = ?2")
                  .setParameter(1, enterpriseId)
                  .setParameter(2, serverId)
                  .getSingleResult();
      if (known.longValue() == 0) {
        throw ApiException.notFound();
      }
    }
    jakarta.persistence.Query query =
        em.createNativeQuery(
                "SELECT u.id, i.server_id, i.hostname, u.upload_id, u.via, u.applied_at,"
                    + " u.accounts, u.compared, u.newly_consuming, u.no_longer_consuming,"
                    + " u.newly_matched, u.unmatched FROM upload_change u"
                    + " JOIN connected_instance i ON i.id = u.instance_id"
                    + " WHERE i.enterprise_id = ?1"
                    + (serverId == null ? "" : " AND i.server_id = ?2")
                    + " ORDER BY u.applied_at DESC, u.id DESC")
            .setParameter(1, enterpriseId)
            .setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage))
            .setMaxResults(perPage);
    if (serverId != null) {
      query.setParameter(2, serverId);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new UploadChange(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    io.licensesync.database.StoredTime.of(r[5]),
                    ((Number) r[6]).intValue(),
                    Boolean.TRUE.equals(r[7]),
                    ((Number) r[8]).intValue(),
                    ((Number) r[9]).intValue(),
                    ((Number) r[10]).intValue(),
                    ((Number) r[11]).intValue()))
        .toList();
  }
}
