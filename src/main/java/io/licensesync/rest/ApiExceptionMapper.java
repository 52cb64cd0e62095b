package io.licensesync.rest;

import io.licensesync.database.Databases;
import io.licensesync.web.BodyTooLargeException;
import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place an exception becomes an HTTP answer: {@link ApiException} as it says, a body past
 * its limit ({@link BodyTooLargeException}, however a reader wrapped it) as 413, the JAX-RS
 * exceptions (404, 405, 406, 415 …) with GitHub's wording, and anything unexpected as a bare 500
 * whose details go to the log, never to the client.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

  /** How long a client is asked to wait when the database is away (restarted, failing over). */
  static final int DATABASE_RETRY_AFTER_SECONDS = 5;

  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

  @Context HttpServletRequest http;
  @Context UriInfo uri;

  /** The documentation of the endpoint the request was for (GitHub's, or this application's). */
  private String docs() {
    boolean cloud = uri.getBaseUri().getPath().contains("/cloud/api");
    return Documentation.ofEndpoint(http, cloud, uri.getPath());
  }

  @Override
  public Response toResponse(Throwable thrown) {
    ApiException api = find(thrown, ApiException.class);
    if (api != null) {
      ErrorBody body = api.body();
      if (body.documentationUrl() == null) {
        body = new ErrorBody(body.message(), docs(), body.errors());
      }
      Response.ResponseBuilder answer =
          Response.status(api.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
      api.retryAfterSeconds().ifPresent(seconds -> answer.header("Retry-After", seconds));
      return answer.build();
    }
    jakarta.validation.ConstraintViolationException invalid =
        find(thrown, jakarta.validation.ConstraintViolationException.class);
    if (invalid != null) {
      // a constraint of a request or an entity that no earlier check caught: still the field, never
      // the internals
      return respond(
          422,
          new ErrorBody(
              "Validation Failed",
              docs(),
              Validated.errors(null, invalid.getConstraintViolations())));
    }
    BodyTooLargeException tooLarge = BodyTooLargeException.in(thrown);
    if (tooLarge != null) {
      return respond(413, new ErrorBody(tooLarge.getMessage(), docs(), null));
    }
    WebApplicationException web = find(thrown, WebApplicationException.class);
    if (web != null && web.getResponse() != null) {
      int status = web.getResponse().getStatus();
      if (status < 500) {
        return respond(status, new ErrorBody(messageFor(status), docs(), null));
      }
    }
    if (Databases.away(thrown)) {
      LOG.warning(() -> "A request could not be answered: " + Databases.reason(thrown));
      return Response.status(503)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
          .entity(
              new ErrorBody(
                  "The database is unavailable; nothing changed. Try again shortly.", docs(), null))
          .build();
    }
    LOG.log(Level.SEVERE, "Unexpected failure answering a request", thrown);
    return respond(500, new ErrorBody("Server Error", docs(), null));
  }

  private static String messageFor(int status) {
    return switch (status) {
      case 400 -> "Problems parsing the request";
      case 401 -> "Requires authentication";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable: this API answers application/json";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type: send application/json";
      default ->
          Response.Status.fromStatusCode(status) == null
              ? "Request refused"
              : Response.Status.fromStatusCode(status).getReasonPhrase();
    };
  }

  static Response respond(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /** Unwraps EJB and transaction wrappers, which hide the real cause of a refused use case. */
  private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    Throwable current = thrown;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      Throwable next =
          current instanceof EJBException ejb && ejb.getCausedByException() != null
              ? ejb.getCausedByException()
              : current.getCause();
      if (next == current) {
        break;
      }
      current = next;
    }
    return null;
  }
}
