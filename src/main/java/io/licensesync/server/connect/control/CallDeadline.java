package io.licensesync.server.connect.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The total time one call to the Cloud may take — connecting, writing the body and reading the
 * answer — after which whatever the call holds open is closed from another thread, so a Cloud that
 * accepts a connection and then stops reading cannot keep a run waiting. The socket timeouts cover
 * only connecting and each read; a blocked write is ended only by closing its connection.
 */
final class CallDeadline implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CallDeadline.class.getName());

  /**
   * The deadline of the call this thread is making, for the connection factory to register with.
   */
  private static final ThreadLocal<CallDeadline> CURRENT = new ThreadLocal<>();

  private final Duration limit;
  private final List<Runnable> aborts = new CopyOnWriteArrayList<>();
  private final ScheduledFuture<?> timer;
  private volatile boolean expired;

  private CallDeadline(ScheduledExecutorService scheduler, Duration limit) {
    this.limit = limit;
    this.timer = scheduler.schedule(this::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts the deadline of a call this thread is about to make. */
  static CallDeadline start(ScheduledExecutorService scheduler, Duration limit) {
    CallDeadline deadline = new CallDeadline(scheduler, limit);
    CURRENT.set(deadline);
    return deadline;
  }

  /** The deadline of the call this thread is making, if any. */
  static Optional<CallDeadline> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs {@code abort} when the deadline passes (at once, if it has). */
  void onExpiry(Runnable abort) {
    aborts.add(abort);
    if (expired) {
      runQuietly(abort);
    }
  }

  boolean expired() {
    return expired;
  }

  Duration limit() {
    return limit;
  }

  private void expire() {
    expired = true;
    aborts.forEach(CallDeadline::runQuietly);
  }

  private static void runQuietly(Runnable abort) {
    try {
      abort.run();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Closing a call to the Cloud at its deadline failed", e);
    }
  }

  @Override
  public void close() {
    timer.cancel(false);
    CURRENT.remove();
  }
}
