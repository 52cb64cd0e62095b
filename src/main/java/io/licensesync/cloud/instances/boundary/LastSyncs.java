package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.instances.entity.SyncStatus;
import io.licensesync.database.PlainReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What license-sync-status answers on every request: each instance's last sync, in one plain read
 * ({@link PlainReads}) in a bean with no interceptor (in {@link Instances}, whose methods run in a
 * transaction, it needed {@code Transactional(SUPPORTS)}, and the interceptor cost a few percent of
 * the request).
 */
@ApplicationScoped
public class LastSyncs {

  @Inject PlainReads reads;

  /**
   * An instance's last sync as license-sync-status answers it; the time and status null if none.
   */
  public record LastSync(
      String serverId, String hostname, Instant at, SyncStatus status, String error) {}

  /**
   * The enterprise's instances' last syncs, by hostname then server id, without the rest of each
   * instance.
   */
  public List<LastSync> of(long enterpriseId) {
    return reads.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT server_id, hostname, last_sync_at, last_sync_status, last_sync_error"
                      + " FROM connected_instance WHERE enterprise_id = ?"
                      + " ORDER BY hostname, server_id")) {
            query.setLong(1, enterpriseId);
            List<LastSync> syncs = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
              while (row.next()) {
                OffsetDateTime at = row.getObject(3, OffsetDateTime.class);
                String status = row.getString(4);
                syncs.add(
                    new LastSync(
                        row.getString(1),
                        row.getString(2),
                        at == null ? null : at.toInstant(),
                        status == null ? null : SyncStatus.valueOf(status),
                        row.getString(5)));
              }
            }
            return syncs;
          }
        });
  }
}
