package io.licensesync.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed attempts per key (a login, a client address) in a sliding window and says when a
 * key has failed too often: then every further attempt is refused until the oldest failure in the
 * window has aged out. Pure logic with a clock, so the rules are tested without a container; the
 * state is in memory, one per node.
 */
public final class FailureThrottle {

  /** Above this many keys, expired ones are dropped when a failure is recorded. */
  private static final int PRUNE_ABOVE = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public FailureThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException(
          "at least one failure must be allowed, not " + maxFailures);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the window must be positive, not " + window);
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /**
   * How long until any of {@code keys} may try again; empty when none of them is blocked. Blocked
   * means {@code maxFailures} failures within the window.
   */
  public Optional<Duration> retryAfter(Collection<String> keys) {
    Instant now = clock.instant();
    Duration longest = null;
    for (String key : keys) {
      Deque<Instant> times = failures.get(key);
      if (times == null) {
        continue;
      }
      synchronized (times) {
        expire(times, now);
        if (times.size() >= maxFailures) {
          Duration wait = Duration.between(now, times.peekFirst().plus(window));
          if (longest == null || wait.compareTo(longest) > 0) {
            longest = wait;
          }
        }
      }
    }
    return Optional.ofNullable(longest);
  }

  /** Records one failed attempt against each of {@code keys}. */
  public void failed(Collection<String> keys) {
    Instant now = clock.instant();
    for (String key : keys) {
      Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        expire(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
          times.removeFirst();
        }
      }
    }
    if (failures.size() > PRUNE_ABOVE) {
      prune(now);
    }
  }

  /** Forgets the failures of {@code key} (a login that then signed in correctly). */
  public void forget(String key) {
    failures.remove(key);
  }

  /** The number of keys with failures still remembered (for tests and the log). */
  public int size() {
    return failures.size();
  }

  private void prune(Instant now) {
    failures
        .entrySet()
        .removeIf(
            entry -> {
              synchronized (entry.getValue()) {
                expire(entry.getValue(), now);
                return entry.getValue().isEmpty();
              }
            });
  }

  private void expire(Deque<Instant> times, Instant now) {
    Instant oldestKept = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(oldestKept)) {
      times.removeFirst();
    }
  }
}
