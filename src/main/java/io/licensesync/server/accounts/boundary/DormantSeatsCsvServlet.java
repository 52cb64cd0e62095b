package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.server.access.boundary.AdminCsvDownload;
import io.licensesync.server.accounts.control.DormantSort;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The Dormant seats page's "Download CSV": the report as {@code GET
 * /api/v3/admin/reports/dormant-seats?format=csv} gives it, for the signed-in admin's session.
 */
@WebServlet(name = "DormantSeatsCsv", urlPatterns = DormantSeatsCsvServlet.PATH)
public class DormantSeatsCsvServlet extends AdminCsvDownload {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/server/dormant-seats.csv";

  private static final long serialVersionUID = 1L;

  @Inject transient DormantSeatsCsv csv;

  @Override
  protected Report report(HttpServletRequest request) {
    DormantSort sort =
        DormantSort.parse(request.getParameter("sort"), request.getParameter("direction"));
    return new Report() {
      @Override
      public String fileName() {
        return DormantSeatsCsv.fileName(LocalDate.now(ZoneOffset.UTC));
      }

      @Override
      public void write(OutputStream out) throws java.io.IOException {
        csv.write(sort, StoredTime.now(), out);
      }
    };
  }
}
