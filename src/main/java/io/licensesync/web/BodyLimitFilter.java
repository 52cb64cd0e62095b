package io.licensesync.web;

import io.licensesync.rest.Documentation;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bounds every request body while it is read, before anything else sees it (mapped first, in
 * web.xml): a {@code Content-Length} over the path's {@link BodyLimits limit} is refused at once, a
 * body without one (chunked) is counted as it is read and fails the moment it passes the limit;
 * both answer 413 — GitHub's JSON error on the REST APIs, a short page elsewhere — and nothing is
 * written. A multipart body is refused, unparsed, everywhere but on the Add server usage page of a
 * session, and the parts of an accepted one are deleted at the end of the request, so no temporary
 * file outlives it.
 *
 * <p>A REST body within the small default limit is read here: at once when it came with the headers
 * (nearly always), otherwise without holding a thread while it arrives (Servlet non-blocking I/O,
 * then an ASYNC dispatch), and the request goes on with those bytes: clients trickling bodies a
 * byte at a time cannot occupy the worker threads, and one that has not sent its body within {@code
 * licensesync.http.body-timeout} gets 408. Larger bodies (members lists, the big uploads) are read
 * by their resources, after authentication, counted as they arrive; page forms are parsed by the
 * server, blocking (JSF needs the CDI session context, which the server does not start on an ASYNC
 * dispatch).
 */
public class BodyLimitFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class.getName());

  private static final String BUFFERED_BODY = BodyLimitFilter.class.getName() + ".body";

  /** How long after the request's first pass returned its read's end runs. */
  private static final long SETTLE_MILLIS = 20;

  private transient BodyLimits limits;
  private long bodyTimeoutMillis;

  /**
   * Refuses the bodies that did not arrive in time (the AsyncContext's own timeout would also cut
   * the request after it).
   */
  private transient ScheduledExecutorService deadlines;

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig();
    limits =
        new BodyLimits(
            bytes(config, "licensesync.http.max-body-bytes", 1_048_576L),
            bytes(config, "licensesync.cloud.members.max-bytes", 16_777_216L),
            bytes(config, "licensesync.cloud.usage-file.max-bytes", 67_108_864L),
            bytes(config, "licensesync.cloud.upload.max-bytes", 104_857_600L),
            bytes(config, "licensesync.server.import.max-bytes", 52_428_800L));
    bodyTimeoutMillis =
        config
            .getOptionalValue("licensesync.http.body-timeout", String.class)
            .map(Duration::parse)
            .orElse(Duration.ofSeconds(20))
            .toMillis();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "license-sync body deadlines");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    deadlines = executor;
  }

  @Override
  public void destroy() {
    deadlines.shutdownNow();
  }

  private static long bytes(Config config, String key, long defaultValue) {
    return config.getOptionalValue(key, Long.class).orElse(defaultValue);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ASYNC) {
      if (request.getAttribute(BUFFERED_BODY) instanceof byte[] body) {
        goOnAfterAsyncRead(new BufferedBodyRequest(request, body), response, chain);
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length <= 0 && !chunked) {
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String type = request.getContentType();
    boolean api = BodyLimits.isApi(path);
    boolean multipart = BodyLimits.isMultipart(type);
    if (multipart && !BodyLimits.acceptsMultipart(method, path)) {
      refuse(
          response,
          request,
          api,
          HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "Unsupported Media Type: this address takes no uploads.");
      return;
    }
    if (multipart && request.getSession(false) == null) {
      refuse(
          response,
          request,
          api,
          HttpServletResponse.SC_FORBIDDEN,
          "Sign in to add server usage; nothing was changed.");
      return;
    }
    BodyLimits.Limit limit = limits.of(method, path, type);
    if (limit.answeredByResource()) {
      chain.doFilter(request, response);
      return;
    }
    if (length > limit.bytes()) {
      refuse(response, request, api, 413, tooLarge(limit));
      return;
    }
    if (length < 0 && !api) {
      // the container parses forms and multipart itself, past this filter's counting: it must know
      // the length
      refuse(
          response,
          request,
          false,
          411,
          "Length Required: a form is sent with its Content-Length; nothing was changed.");
      return;
    }
    if (api && !multipart && limit.bytes() <= limits.defaultBytes() && request.isAsyncSupported()) {
      if (length >= 0 && request.getInputStream().available() >= length) {
        // the whole body came with the headers (nearly every request): take it now, no async round
        // trip
        chain.doFilter(
            new BufferedBodyRequest(request, request.getInputStream().readNBytes((int) length)),
            response);
      } else {
        readWithoutAThread(request, response, limit, api);
      }
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, response, limit.bytes());
    try {
      chain.doFilter(limited, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!limited.exceeded() && BodyTooLargeException.in(e) == null) {
        throw e;
      }
      if (response.isCommitted()) {
        return;
      }
      response.reset();
      refuse(response, request, api, 413, tooLarge(limit));
      return;
    } finally {
      if (multipart) {
        limited.deleteParts();
      }
    }
    if (limited.exceeded() && !response.isCommitted() && response.getStatus() != 413) {
      response.reset();
      refuse(response, request, api, 413, tooLarge(limit));
    }
  }

  /**
   * Back from reading the body without a thread (an ASYNC dispatch), the request goes on with its
   * bytes; the server has not started the CDI request context for that dispatch, so it is started
   * here.
   */
  private static void goOnAfterAsyncRead(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Instance<RequestContextController> controllers =
        CDI.current().select(RequestContextController.class);
    RequestContextController controller = controllers.get();
    boolean activated = controller.activate();
    try {
      chain.doFilter(request, response);
    } finally {
      if (activated) {
        controller.deactivate();
      }
      controllers.destroy(controller);
    }
  }

  private void readWithoutAThread(
      HttpServletRequest request, HttpServletResponse response, BodyLimits.Limit limit, boolean api)
      throws IOException {
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    BodyReader reader = new BodyReader(async, request, response, limit, api, deadlines);
    async.addListener(reader);
    reader.deadline = deadlines.schedule(reader::timeout, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
    try {
      request.getInputStream().setReadListener(reader);
    } finally {
      reader.originalReturning();
    }
  }

  /**
   * Collects a small body as it arrives, called by the container only when bytes are there; then
   * dispatches the request again (to this filter, then the application) with the body attached.
   */
  private static final class BodyReader implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final BodyLimits.Limit limit;
    private final boolean api;
    private final ByteArrayOutputStream body;
    private final long expected;

    /** Set once by whichever ends the read first: all read, refused, failed, or the deadline. */
    private final AtomicBoolean done = new AtomicBoolean();

    private volatile Future<?> deadline;

    private final ScheduledExecutorService scheduler;

    /**
     * The read's end (dispatch, or answer and complete), run only once the request's first pass
     * through the server has returned: a dispatch made by another thread while that pass is still
     * on its way out was seen to be lost, leaving the client waiting for an answer that never came.
     */
    private volatile Runnable end;

    private final AtomicBoolean originalReturned = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    BodyReader(
        AsyncContext async,
        HttpServletRequest request,
        HttpServletResponse response,
        BodyLimits.Limit limit,
        boolean api,
        ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      this.async = async;
      this.request = request;
      this.response = response;
      this.limit = limit;
      this.api = api;
      this.expected = request.getContentLengthLong();
      this.body = new ByteArrayOutputStream(expected > 0 ? (int) expected : 8192);
    }

    @Override
    public void onDataAvailable() throws IOException {
      ServletInputStream in = request.getInputStream();
      byte[] buffer = new byte[8192];
      boolean end = false;
      while (!done.get() && !arrived() && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          end = true;
          break;
        }
        body.write(buffer, 0, n);
        if (body.size() > limit.bytes()) {
          finish(413, tooLarge(limit));
          return;
        }
      }
      // go on as soon as the whole body is here (its Content-Length, or the end of a chunked one):
      // asking the server whether more is ready after the last byte may wait for bytes a client
      // keeping its connection open will never send
      if (end || arrived()) {
        onAllDataRead();
      }
    }

    private boolean arrived() {
      return expected >= 0 && body.size() >= expected;
    }

    @Override
    public void onAllDataRead() {
      if (done.compareAndSet(false, true)) {
        deadline.cancel(false);
        request.setAttribute(BUFFERED_BODY, body.toByteArray());
        endWith(async::dispatch);
      }
    }

    /** The first pass of the request through the server is returning. */
    void originalReturning() {
      originalReturned.set(true);
      runEnd();
    }

    private void endWith(Runnable action) {
      end = action;
      runEnd();
    }

    /** Runs the end once both it is known and the first pass has returned, a moment after. */
    private void runEnd() {
      Runnable action = end;
      if (action != null && originalReturned.get() && ended.compareAndSet(false, true)) {
        scheduler.schedule(
            () -> {
              try {
                action.run();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not go on with a request after reading its body", e);
              }
            },
            SETTLE_MILLIS,
            TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void onError(Throwable failure) {
      // the client went away or the read failed: nothing to answer
      if (done.compareAndSet(false, true)) {
        deadline.cancel(false);
        LOG.log(Level.FINE, "A request body could not be read", failure);
        endWith(async::complete);
      }
    }

    void timeout() {
      try {
        finish(
            HttpServletResponse.SC_REQUEST_TIMEOUT,
            "Request Timeout: the body did not arrive in time; nothing changed.");
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "Could not answer a request whose body came too slowly", e);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void finish(int status, String message) throws IOException {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      deadline.cancel(false);
      endWith(
          () -> {
            try {
              refuse(response, request, api, status, message);
            } catch (IOException e) {
              LOG.log(Level.FINE, "Could not answer a refused body", e);
            } finally {
              async.complete();
            }
          });
    }
  }

  private static String tooLarge(BodyLimits.Limit limit) {
    return "The request body is larger than the limit of "
        + limit.bytes()
        + " bytes; nothing changed.";
  }

  private static void refuse(
      HttpServletResponse response,
      HttpServletRequest request,
      boolean api,
      int status,
      String message)
      throws IOException {
    response.setStatus(status);
    // the rest of the body is not wanted: do not keep the connection to read it
    response.setHeader("Connection", "close");
    byte[] body;
    if (api) {
      response.setContentType("application/json");
      body =
          ("{\"message\":\""
                  + message
                  + "\",\"documentation_url\":\""
                  + Documentation.restApi(request)
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
    } else {
      response.setContentType("text/html;charset=UTF-8");
      body =
          ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Request refused</title></head>"
                  + "<body><main><h1>Request refused</h1><p>"
                  + message
                  + "</p></main></body></html>")
              .getBytes(StandardCharsets.UTF_8);
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The request as the application sees it: its body counted against the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final HttpServletResponse response;
    private final long limit;
    private LimitedInputStream body;
    private BufferedReader reader;
    private boolean parametersRead;

    LimitedRequest(HttpServletRequest request, HttpServletResponse response, long limit) {
      super(request);
      this.response = response;
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (body == null) {
        body = new LimitedInputStream(super.getInputStream(), limit, this::stopReading);
      }
      return body;
    }

    /** The rest of an oversized body is not read: the connection closes after the answer. */
    private void stopReading() {
      if (!response.isCommitted()) {
        response.setHeader("Connection", "close");
      }
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset =
            encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    boolean exceeded() {
      return body != null && body.exceeded();
    }

    // The container parses forms and parts from its own stream: note when that may have happened.

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
      parametersRead = true;
      return super.getParts();
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
      parametersRead = true;
      return super.getPart(name);
    }

    @Override
    public String getParameter(String name) {
      parametersRead = true;
      return super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      parametersRead = true;
      return super.getParameterMap();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      parametersRead = true;
      return super.getParameterNames();
    }

    @Override
    public String[] getParameterValues(String name) {
      parametersRead = true;
      return super.getParameterValues(name);
    }

    /** Deletes the temporary files of the parts, if they were parsed; never parses them itself. */
    void deleteParts() {
      if (!parametersRead) {
        return;
      }
      try {
        for (Part part : super.getParts()) {
          part.delete();
        }
      } catch (IOException | ServletException | RuntimeException e) {
        LOG.log(Level.WARNING, "Could not delete the temporary files of an upload", e);
      }
    }
  }
}
