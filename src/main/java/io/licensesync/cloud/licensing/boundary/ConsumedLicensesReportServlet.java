package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.access.SignedInOwner;
import io.licensesync.cloud.licensing.control.ConsumedLicensesCsv;
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
 * The licensing page's "Download CSV report": the same report as {@code GET
 * /cloud/api/enterprises/{enterprise}/consumed-licenses/report}, for the signed-in owner's session
 * rather than a token. {@code CloudPagesGate} lets only a signed-in owner of the enterprise reach
 * it, and the servlet checks again.
 */
@WebServlet(name = "ConsumedLicensesReport", urlPatterns = ConsumedLicensesReportServlet.PATH)
public class ConsumedLicensesReportServlet extends HttpServlet {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/cloud/consumed-licenses.csv";

  private static final long serialVersionUID = 1L;

  @Inject transient CloudSession session;
  @Inject transient SignedInOwner signedIn;
  @Inject transient Licensing licensing;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    long enterpriseId = session.enterpriseId();
    String file =
        ConsumedLicensesCsv.fileName(session.getEnterprise(), LocalDate.now(ZoneOffset.UTC));
    Downloads.attachment(response, "text/csv; charset=utf-8", file);
    ConsumedLicensesCsv.write(
        (after, limit, row) -> licensing.csvPage(enterpriseId, after, limit, row),
        response.getOutputStream());
  }
}
