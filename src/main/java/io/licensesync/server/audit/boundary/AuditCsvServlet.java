package io.licensesync.server.audit.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.server.access.boundary.SignedInAdmin;
import io.licensesync.server.audit.control.AuditFilter;
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
 * The Audit page's "Download CSV": the filtered trail as {@code GET /api/v3/admin/audit-events}
 * gives it with {@code format=csv}, for the signed-in admin's session. {@code ServerPagesGate} lets
 * only a signed-in site admin reach it, and the servlet checks again.
 */
@WebServlet(name = "AuditCsv", urlPatterns = AuditCsvServlet.PATH)
public class AuditCsvServlet extends HttpServlet {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/server/audit-events.csv";

  private static final long serialVersionUID = 1L;

  @Inject transient SignedInAdmin signedIn;
  @Inject transient AuditCsv csv;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    AuditFilter filter;
    try {
      filter =
          AuditFilter.parse(
              request.getParameter("actor"),
              request.getParameter("action"),
              request.getParameter("after"),
              request.getParameter("before"));
    } catch (ApiException refused) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Downloads.attachment(
        response, "text/csv; charset=utf-8", AuditCsv.fileName(LocalDate.now(ZoneOffset.UTC)));
    csv.write(filter, response.getOutputStream());
  }
}
