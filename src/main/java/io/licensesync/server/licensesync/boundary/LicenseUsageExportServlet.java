package io.licensesync.server.licensesync.boundary;

import io.licensesync.server.access.boundary.ServerSession;
import io.licensesync.server.access.boundary.SignedInAdmin;
import io.licensesync.web.Downloads;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The License page's "Export license usage": the same file as {@code GET
 * /api/v3/admin/license-sync/export}, for the signed-in admin's session rather than a token. {@code
 * ServerPagesGate} lets only a signed-in site admin reach it, and the servlet checks again.
 */
@WebServlet(name = "LicenseUsageExport", urlPatterns = LicenseUsageExportServlet.PATH)
public class LicenseUsageExportServlet extends HttpServlet {

  /** Where the download is, relative to the context root. */
  public static final String PATH = "/server/license-usage-export";

  private static final long serialVersionUID = 1L;

  @Inject transient ServerSession session;
  @Inject transient SignedInAdmin signedIn;
  @Inject transient UsageExport export;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signedIn.isAllowed()) { // checked again: never trust that the gate ran
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    UsageExport.Export file = export.export(session.getLogin());
    try {
      Downloads.attachment(response, "application/json", file.fileName());
      response.setContentLengthLong(Files.size(file.file()));
      Files.copy(file.file(), response.getOutputStream());
    } finally {
      file.delete();
    }
  }
}
