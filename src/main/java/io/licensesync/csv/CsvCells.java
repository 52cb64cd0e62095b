package io.licensesync.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV this application writes is quoted throughout and has no cell a spreadsheet would run as
 * a formula (OWASP's advice against CSV injection), so reports can be opened without thought.
 */
public final class CsvCells {

  private CsvCells() {}

  /**
   * A cell a spreadsheet will not run: text starting with {@code =}, {@code +}, {@code -},
   * {@code @}, a tab or a carriage return gets a single quote in front (every cell is written
   * quoted). Other values are left as they are.
   */
  public static Object neutralised(Object cell) {
    if (cell instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return cell;
  }

  /** A printer writing UTF-8 to {@code out} with {@code header} first; flush it, do not close. */
  public static CSVPrinter printer(OutputStream out, List<String> header) throws IOException {
    return new CSVPrinter(
        new OutputStreamWriter(out, StandardCharsets.UTF_8),
        CSVFormat.DEFAULT
            .builder()
            .setHeader(header.toArray(String[]::new))
            .setQuoteMode(QuoteMode.ALL)
            .get());
  }

  /** Prints one record, every cell {@link #neutralised}. */
  public static void print(CSVPrinter printer, Object... cells) throws IOException {
    Object[] safe = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = neutralised(cells[i]);
    }
    printer.printRecord(safe);
  }
}
