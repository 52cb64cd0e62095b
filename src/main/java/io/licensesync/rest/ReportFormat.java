package io.licensesync.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Whether a report endpoint answers JSON or CSV: {@code ?format=json|csv} when given (anything else
 * is 422), else {@code Accept: text/csv} preferred over JSON, else JSON. One endpoint thus serves
 * scripts, spreadsheets and a plain link.
 */
public final class ReportFormat {

  public static final String CSV = "text/csv; charset=utf-8";

  private ReportFormat() {}

  /** True when the request asks for CSV. */
  public static boolean csv(String format, HttpHeaders headers) {
    if (format != null && !format.isEmpty()) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default ->
            throw ApiException.invalid(
                "Parameter", "format", "invalid", "format must be json or csv");
      };
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
        return false;
      }
      if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
        return true;
      }
    }
    return false;
  }
}
