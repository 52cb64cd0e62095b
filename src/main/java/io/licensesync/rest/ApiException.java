package io.licensesync.rest;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * A refusal with the HTTP status and message a client should see; thrown by boundaries and use
 * cases alike, turned into {@link ErrorBody} by {@link ApiExceptionMapper}. Throwing it inside a
 * transaction rolls the transaction back, so a refused request changes nothing.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String documentationUrl;
  private final transient List<ErrorBody.ErrorDetail> errors;

  public ApiException(
      int status, String message, String documentationUrl, List<ErrorBody.ErrorDetail> errors) {
    super(message);
    this.status = status;
    this.documentationUrl = documentationUrl;
    this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
  }

  public ApiException(Status status, String message) {
    this(status.getStatusCode(), message, null, null);
  }

  public static ApiException notFound() {
    return new ApiException(Status.NOT_FOUND, "Not Found");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Status.BAD_REQUEST, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(Status.FORBIDDEN, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(Status.CONFLICT, message);
  }

  /** 422 with one field at fault, as GitHub reports a failed validation. */
  public static ApiException invalid(String resource, String field, String code, String message) {
    return new ApiException(
        422,
        "Validation Failed",
        null,
        List.of(new ErrorBody.ErrorDetail(resource, field, code, message)));
  }

  public static ApiException invalid(List<ErrorBody.ErrorDetail> errors) {
    return new ApiException(422, "Validation Failed", null, errors);
  }

  public int status() {
    return status;
  }

  /**
   * Seconds after which trying again may succeed (sent as {@code Retry-After}); none by default.
   */
  public java.util.OptionalInt retryAfterSeconds() {
    return java.util.OptionalInt.empty();
  }

  public ErrorBody body() {
    return new ErrorBody(getMessage(), documentationUrl, errors);
  }
}
