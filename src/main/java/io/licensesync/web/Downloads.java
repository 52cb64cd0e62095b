package io.licensesync.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What every download the pages offer sends before its bytes: the type, {@code Content-Disposition:
 * attachment} with a file name reduced to safe characters (so it can never break out of the
 * header's quotes), and no caching.
 */
public final class Downloads {

  private Downloads() {}

  /** Starts an attachment download of {@code fileName} with {@code contentType}. */
  public static void attachment(HttpServletResponse response, String contentType, String fileName) {
    response.setContentType(contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + safe(fileName) + "\"");
  }

  static String safe(String fileName) {
    String kept = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    return kept.isEmpty() ? "download" : kept;
  }
}
