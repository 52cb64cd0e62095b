package io.licensesync.rest;

import java.util.Map;

/**
 * Properties both REST applications give their JAX-RS runtime (names another runtime does not know
 * are ignored by it).
 */
public final class ApiProperties {

  /**
   * Jersey buffers each response up to this many bytes to send it with a Content-Length (larger
   * ones go chunked). Its default, 8 KiB, was a byte array allocated per response: a ninth of all
   * the memory a license-sync-status request allocated, whose body is a few hundred bytes; the
   * error bodies and most answers fit in 2 KiB, and a page of consumed licenses is chunked either
   * way.
   */
  static final int RESPONSE_BUFFER = 2048;

  private static final Map<String, Object> PROPERTIES =
      Map.of("jersey.config.server.contentLength.buffer", RESPONSE_BUFFER);

  private ApiProperties() {}

  public static Map<String, Object> of() {
    return PROPERTIES;
  }
}
