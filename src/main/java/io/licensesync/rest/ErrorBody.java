package io.licensesync.rest;

import java.util.List;

/**
 * The error body GitHub's REST API writes, and so ours: a human message, where to read more, and
 * for validation failures the fields at fault.
 */
public record ErrorBody(String message, String documentationUrl, List<ErrorDetail> errors) {

  /**
   * The reason in one sentence: the first field's message for a validation failure, else the
   * message.
   */
  public String reason() {
    return errors != null && !errors.isEmpty() ? errors.get(0).message() : message;
  }

  /**
   * One reason a request failed validation, as GitHub reports it ({@code code} is e.g. {@code
   * invalid}, {@code already_exists}).
   */
  public record ErrorDetail(String resource, String field, String code, String message) {}
}
