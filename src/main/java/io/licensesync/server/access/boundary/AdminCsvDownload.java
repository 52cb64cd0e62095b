package io.licensesync.server.access.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.web.Downloads;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A CSV report the Server pages offer for download with the signed-in admin's session (the REST API
 * serves the same with a token). {@code ServerPagesGate} lets only a signed-in site admin reach it
 * and this checks again; parameters that cannot be read are 400 before a byte is written.
 */
public abstract class AdminCsvDownload extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient SignedInAdmin signedIn;

  /** What a subclass writes: the file's name and its rows. */
  protected interface Report {
    String fileName();

    void write(OutputStream out) throws IOException;
  }

  /** Reads the request's parameters into the report to write; an ApiException when they are bad. */
  protected abstract Report report(HttpServletRequest request);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    Report report;
    try {
      report = report(request);
    } catch (ApiException refused) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    Downloads.attachment(response, "text/csv; charset=utf-8", report.fileName());
    report.write(response.getOutputStream());
  }
}
