package io.licensesync.server.accounts.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.server.access.boundary.SignedInAdmin;
import io.licensesync.server.accounts.control.DormantSort;
import io.licensesync.web.Downloads;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The Dormant seats page's "Download CSV": the report as {@code GET
 * /api/v3/admin/reports/dormant-seats?format=csv} gives it, for the signed-in admin's session.
 * {@code ServerPagesGate} lets only a signed-in site admin reach it, and the servlet checks again.
 */
@WebServlet(name = "DormantSeatsCsv", urlPatterns = DormantSeatsCsvServlet.PATH)
public class DormantSeatsCsvServlet extends HttpServlet {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/server/dormant-seats.csv";

  private static final long serialVersionUID = 1L;

  @Inject transient SignedInAdmin signedIn;
  @Inject transient DormantSeatsCsv csv;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    DormantSort sort;
    try {
      sort = DormantSort.parse(request.getParameter("sort"), request.getParameter("direction"));
    } catch (ApiException refused) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Downloads.attachment(
        response,
        "text/csv; charset=utf-8",
        DormantSeatsCsv.fileName(LocalDate.now(ZoneOffset.UTC)));
    csv.write(sort, StoredTime.now(), response.getOutputStream());
  }
}
