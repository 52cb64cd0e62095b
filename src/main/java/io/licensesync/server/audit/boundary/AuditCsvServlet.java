package io.licensesync.server.audit.boundary;

import io.licensesync.audit.AuditFilter;
import io.licensesync.server.access.boundary.AdminCsvDownload;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The Audit page's "Download CSV": the filtered trail as {@code GET /api/v3/admin/audit-events}
 * gives it with {@code format=csv}, for the signed-in admin's session.
 */
@WebServlet(name = "AuditCsv", urlPatterns = AuditCsvServlet.PATH)
public class AuditCsvServlet extends AdminCsvDownload {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/server/audit-events.csv";

  private static final long serialVersionUID = 1L;

  @Inject transient AuditCsv csv;

  @Override
  protected Report report(HttpServletRequest request) {
    AuditFilter filter =
        AuditFilter.parse(
            request.getParameter("actor"),
            request.getParameter("action"),
            request.getParameter("after"),
            request.getParameter("before"));
    return new Report() {
      @Override
      public String fileName() {
        return AuditCsv.fileName(LocalDate.now(ZoneOffset.UTC));
      }

      @Override
      public void write(OutputStream out) throws java.io.IOException {
        csv.write(filter, out);
      }
    };
  }
}
