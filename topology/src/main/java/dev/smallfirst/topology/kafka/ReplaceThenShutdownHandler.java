package dev.smallfirst.topology.kafka;

import dev.smallfirst.runtime.kafka.Transient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died of an unexpected exception, unless threads keep dying: more
 * than {@code maxReplacements} within {@code window} shuts the client down, so the process exits
 * and its supervisor (Kubernetes) can restart it rather than loop forever.
 *
 * <p>A thread that died of a schema-registry outage is always replaced, after a pause that doubles
 * from 1 s up to 30 s while the outage lasts: its records are retried, none is dead-lettered, and
 * {@link #inOutage} turns readiness red until a minute has passed without one.
 */
public final class ReplaceThenShutdownHandler implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ReplaceThenShutdownHandler.class);

  private final int maxReplacements;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> recent = new ArrayDeque<>();
  private final Pause pause;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Instant lastOutage = Instant.MIN;
  private Duration backoff = FIRST_BACKOFF;

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration OUTAGE_MEMORY = Duration.ofMinutes(1);

  /** Waits before a replacement; injected so that tests do not wait. */
  @FunctionalInterface
  interface Pause {
    void await(Duration d) throws InterruptedException;
  }

  public ReplaceThenShutdownHandler(int maxReplacements, Duration window) {
    this(maxReplacements, window, Clock.systemUTC());
  }

  ReplaceThenShutdownHandler(int maxReplacements, Duration window, Clock clock) {
    this(maxReplacements, window, clock, null);
  }

  ReplaceThenShutdownHandler(int maxReplacements, Duration window, Clock clock, Pause pause) {
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
    // A timed wait that {@link #stop()} ends, so a shutdown never waits out a backoff.
    this.pause = pause != null ? pause : d -> stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends any pause before a replacement at once; call it before closing the Streams client. */
  public void stop() {
    stopping.countDown();
  }

  /** Whether a registry outage killed a thread within the last minute (readiness goes red). */
  public boolean inOutage() {
    return lastOutage.isAfter(clock.instant().minus(OUTAGE_MEMORY));
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    Instant now = clock.instant();
    if (Transient.isRegistryOutage(exception)) {
      return afterOutage(now, exception);
    }
    while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
      recent.removeFirst();
    }
    if (recent.size() >= maxReplacements) {
      log.error(
          "stream thread died {} times within {}; shutting the client down",
          recent.size() + 1,
          window,
          exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    recent.addLast(now);
    log.error(
        "stream thread died; replacing it ({} of {} within {})",
        recent.size(),
        maxReplacements,
        window,
        exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private StreamThreadExceptionResponse afterOutage(Instant now, Throwable exception) {
    if (!inOutage()) {
      backoff = FIRST_BACKOFF;
    }
    lastOutage = now;
    log.warn(
        "schema registry unavailable; replacing the stream thread in {} to retry its records: {}",
        backoff,
        exception.toString());
    try {
      pause.await(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    backoff =
        backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
