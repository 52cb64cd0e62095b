package io.licensesync.server.audit.boundary;

import io.licensesync.csv.CsvCells;
import io.licensesync.server.audit.control.AuditFilter;
import io.licensesync.server.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit trail as CSV, newest first, for the REST endpoint and the Audit page's download alike:
 * read a thousand events at a time through the primary key and streamed, so the heap does not grow
 * with the trail.
 */
@ApplicationScoped
public class AuditCsv {

  static final List<String> HEADER =
      List.of("id", "at", "actor", "action", "from", "to", "details");
  static final int CHUNK = 1000;

  @Inject Audit audit;

  /**
   * Writes the header and every event {@code filter} selects; {@code out} is flushed, not closed.
   */
  public void write(AuditFilter filter, OutputStream out) throws IOException {
    CSVPrinter printer = CsvCells.printer(out, HEADER);
    long before = Long.MAX_VALUE;
    List<AuditEvent> chunk;
    do {
      chunk = audit.olderThan(filter, before, CHUNK);
      for (AuditEvent e : chunk) {
        CsvCells.print(
            printer,
            e.id(),
            e.at().toString(),
            e.actor(),
            e.action(),
            e.fromValue(),
            e.toValue(),
            e.details());
        before = e.id();
      }
      printer.flush();
    } while (chunk.size() == CHUNK);
  }

  /** The download's file name. */
  public static String fileName(java.time.LocalDate day) {
    return "audit-events-" + day + ".csv";
  }
}
