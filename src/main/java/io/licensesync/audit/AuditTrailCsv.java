package io.licensesync.audit;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.licensesync.csv.CsvCells;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * An audit trail as CSV, newest first, for either role: read a thousand events at a time through
 * the primary key and streamed, so the heap does not grow with the trail.
 */
public final class AuditTrailCsv {

  static final List<String> HEADER =
      List.of("id", "at", "actor", "action", "from", "to", "details");
  static final int CHUNK = 1000;

  private AuditTrailCsv() {}

  /** Reads the trail newest first: up to {@code limit} events older than the event {@code id}. */
  @FunctionalInterface
  public interface Chunks {
    List<? extends AuditRecord> olderThan(long id, int limit);
  }

  /** Writes the header and every event {@code chunks} gives; {@code out} is flushed, not closed. */
  public static void write(Chunks chunks, OutputStream out) throws IOException {
    CsvWriter printer = CsvCells.writer(out, HEADER);
    long before = Long.MAX_VALUE;
    List<? extends AuditRecord> chunk;
    do {
      chunk = chunks.olderThan(before, CHUNK);
      for (AuditRecord e : chunk) {
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
}
