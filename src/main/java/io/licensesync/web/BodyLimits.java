package io.licensesync.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How large each request body may be, by method and path: the one table of body limits. The big
 * uploads keep the limits their resources enforce (and answer) themselves; members provisioning has
 * its own; every other body, REST or form, the small default. A path that matches nothing here —
 * however it is spelled — gets the small default, so an odd spelling can only make a limit tighter.
 */
public record BodyLimits(
    long defaultBytes, long membersBytes, long usageFileBytes, long uploadBytes, long importBytes) {

  /**
   * Room for the other fields of the Add server usage form (view state, buttons) around the file.
   */
  static final long FORM_OVERHEAD_BYTES = 64 * 1024;

  /** The page that takes an upload: Add server usage. */
  public static final String UPLOAD_PAGE = "/cloud/licensing.xhtml";

  private static final String ENTERPRISE = "/cloud/api/enterprises/[^/]+";
  private static final Pattern MEMBERS = Pattern.compile(ENTERPRISE + "/members/?");
  private static final Pattern USAGE_FILES =
      Pattern.compile(ENTERPRISE + "/server-usage-uploads/?");
  private static final Pattern USAGE_UPLOAD =
      Pattern.compile(ENTERPRISE + "/server-instances/[^/]+/license-usage-uploads/[^/]+");
  private static final Pattern IMPORTS = Pattern.compile("/api/v3/admin/users/imports/?");

  /**
   * A limit, the configuration key that sets it, and whether the resource behind the path reads the
   * body within that limit itself and answers 413 in its own words (and, for usage uploads, records
   * the refusal as the instance's failed sync), so the filter leaves that body alone.
   */
  public record Limit(long bytes, String key, boolean answeredByResource) {}

  /** The limit of a request's body; {@code path} is relative to the context root. */
  public Limit of(String method, String path, String contentType) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (verb.equals("PUT") && USAGE_UPLOAD.matcher(path).matches()) {
      return new Limit(uploadBytes, "licensesync.cloud.upload.max-bytes", true);
    }
    if (verb.equals("POST") && USAGE_FILES.matcher(path).matches()) {
      return new Limit(usageFileBytes, "licensesync.cloud.usage-file.max-bytes", true);
    }
    if (verb.equals("POST") && IMPORTS.matcher(path).matches()) {
      return new Limit(importBytes, "licensesync.server.import.max-bytes", true);
    }
    if (verb.equals("POST") && MEMBERS.matcher(path).matches()) {
      return new Limit(membersBytes, "licensesync.cloud.members.max-bytes", false);
    }
    if (verb.equals("POST") && path.equals(UPLOAD_PAGE) && isMultipart(contentType)) {
      return new Limit(
          usageFileBytes + FORM_OVERHEAD_BYTES, "licensesync.cloud.usage-file.max-bytes", false);
    }
    return new Limit(defaultBytes, "licensesync.http.max-body-bytes", false);
  }

  /**
   * Whether a multipart body may be sent to this path at all: only the Add server usage page takes
   * one.
   */
  public static boolean acceptsMultipart(String method, String path) {
    return method.equalsIgnoreCase("POST") && path.equals(UPLOAD_PAGE);
  }

  public static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  /** Whether the path belongs to a REST API (answers in JSON) rather than to the pages. */
  public static boolean isApi(String path) {
    return path.startsWith("/api/") || path.startsWith("/cloud/api/");
  }
}
