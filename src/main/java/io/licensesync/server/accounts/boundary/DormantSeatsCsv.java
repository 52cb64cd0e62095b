package io.licensesync.server.accounts.boundary;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.licensesync.csv.CsvCells;
import io.licensesync.server.accounts.control.DormantSeat;
import io.licensesync.server.accounts.control.DormantSort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The dormant seats report as CSV, for the REST endpoint and the page's download alike: a thousand
 * rows at a time by keyset in the order asked for, each read in its own short transaction and
 * streamed, so a million accounts take neither the heap nor one long transaction.
 */
@ApplicationScoped
public class DormantSeatsCsv {

  static final List<String> HEADER = List.of("id", "login", "last_active_at", "days_inactive");
  static final int CHUNK = 1000;

  @Inject DormantSeats dormantSeats;

  /**
   * Writes the header and every dormant seat at {@code now}; {@code out} is flushed, not closed.
   */
  public void write(DormantSort sort, Instant now, OutputStream out) throws IOException {
    CsvWriter printer = CsvCells.writer(out, HEADER);
    DormantSeat last = null;
    List<DormantSeat> chunk;
    do {
      chunk = dormantSeats.after(sort, last, CHUNK, now);
      for (DormantSeat seat : chunk) {
        CsvCells.print(
            printer,
            seat.id(),
            seat.login(),
            seat.lastActiveAt().toString(),
            seat.daysInactive(now));
        last = seat;
      }
      printer.flush();
    } while (chunk.size() == CHUNK);
  }

  /** The download's file name. */
  public static String fileName(LocalDate day) {
    return "dormant-seats-" + day + ".csv";
  }
}
