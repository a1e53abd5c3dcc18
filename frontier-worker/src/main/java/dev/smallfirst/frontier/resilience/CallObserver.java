package dev.smallfirst.frontier.resilience;

import java.time.Duration;

/** Told about every provider attempt, for metrics. Implementations must be thread-safe and fast. */
public interface CallObserver {
  /**
   * @param result {@code ok} or the lower-case failure kind, e.g. {@code rate_limited}
   * @param took wall time of the HTTP call
   */
  void attempt(String result, Duration took);

  /** Observes nothing. */
  CallObserver NONE = (result, took) -> {};
}
