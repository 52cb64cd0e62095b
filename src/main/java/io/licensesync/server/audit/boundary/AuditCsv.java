package io.licensesync.server.audit.boundary;

import io.licensesync.audit.AuditFilter;
import io.licensesync.audit.AuditTrailCsv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/** This Server's audit trail as CSV, for the REST endpoint and the Audit page's download alike. */
@ApplicationScoped
public class AuditCsv {

  @Inject Audit audit;

  /**
   * Writes every event {@code filter} selects, newest first; {@code out} is flushed, not closed.
   */
  public void write(AuditFilter filter, OutputStream out) throws IOException {
    AuditTrailCsv.write((before, limit) -> audit.olderThan(filter, before, limit), out);
  }

  /** The download's file name. */
  public static String fileName(LocalDate day) {
    return "audit-events-" + day + ".csv";
  }
}
