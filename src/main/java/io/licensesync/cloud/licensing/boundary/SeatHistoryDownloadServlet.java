package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.access.SignedInOwner;
import io.licensesync.web.Downloads;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The "People and seats" page's seat history download: the last 90 days as CSV, the same as {@code
 * GET …/seat-history} with {@code Accept: text/csv}, for the signed-in owner's session. {@code
 * CloudPagesGate} lets only a signed-in owner reach it, and the servlet checks again.
 */
@WebServlet(name = "SeatHistoryDownload", urlPatterns = "/cloud/seat-history.csv")
public class SeatHistoryDownloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CloudSession session;
  @Inject transient SignedInOwner signedIn;
  @Inject transient SeatHistory history;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    SeatHistory.Range range = history.range(session.enterpriseId(), null, null);
    Downloads.attachment(
        response, "text/csv; charset=utf-8", SeatHistory.fileName(session.getEnterprise(), range));
    response.getOutputStream().write(SeatHistory.csv(range).getBytes(StandardCharsets.UTF_8));
  }
}
