package dev.smallfirst.topology.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died of an unexpected exception, unless threads keep dying: more
 * than {@code maxReplacements} within {@code window} shuts the client down, so the process exits
 * and its supervisor (Kubernetes) can restart it rather than loop forever.
 */
public final class ReplaceThenShutdownHandler implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ReplaceThenShutdownHandler.class);

  private final int maxReplacements;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> recent = new ArrayDeque<>();

  public ReplaceThenShutdownHandler(int maxReplacements, Duration window) {
    this(maxReplacements, window, Clock.systemUTC());
  }

  ReplaceThenShutdownHandler(int maxReplacements, Duration window, Clock clock) {
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    Instant now = clock.instant();
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
}
