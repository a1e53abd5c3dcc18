package dev.smallfirst.frontier.resilience;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.time.Duration;

/**
 * Retry, circuit breaker, rate limits and concurrency of the provider calls. Immutable.
 *
 * @param maxAttempts attempts per escalation, first one included
 * @param backoffInitial first backoff (exponential, randomised by half either way)
 * @param backoffMax longest backoff
 * @param retryAfterMax a {@code retry-after} longer than this is not waited for: fall back now
 * @param breakerWindow calls in the breaker's sliding window
 * @param breakerMinCalls calls before the breaker may open
 * @param breakerFailureRatePercent failure rate that opens it
 * @param breakerOpen how long it stays open before letting trial calls through
 * @param breakerHalfOpenCalls trial calls in the half-open state
 * @param requestsPerMinute local request rate limit, 0 for none
 * @param tokensPerMinute local token rate limit (estimated input + max output), 0 for none
 * @param rateLimitWait how long a call may wait for a rate-limit permit
 * @param concurrency provider calls in flight at once (bulkhead)
 * @param concurrencyWait how long a call may wait for a free slot
 */
public record ResilienceSettings(
    int maxAttempts,
    Duration backoffInitial,
    Duration backoffMax,
    Duration retryAfterMax,
    int breakerWindow,
    int breakerMinCalls,
    int breakerFailureRatePercent,
    Duration breakerOpen,
    int breakerHalfOpenCalls,
    int requestsPerMinute,
    int tokensPerMinute,
    Duration rateLimitWait,
    int concurrency,
    Duration concurrencyWait) {

  public static final String CONCURRENCY = "frontier.concurrency";
  public static final String BREAKER_MIN_CALLS = "frontier.breaker.min.calls";
  public static final String BACKOFF_MAX = "frontier.retry.backoff.max.ms";

  public ResilienceSettings {
    if (breakerMinCalls > breakerWindow) {
      throw new ConfigException(
          BREAKER_MIN_CALLS,
          "must not exceed frontier.breaker.window.calls (" + breakerWindow + ")");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ConfigException(BACKOFF_MAX, "must not be below frontier.retry.backoff.initial.ms");
    }
  }

  public static ResilienceSettings from(ConfigSource c) {
    Duration ms = Duration.ofMillis(1);
    Duration hour = Duration.ofHours(1);
    return new ResilienceSettings(
        c.integer("frontier.retry.max.attempts", 3, 1, 20),
        c.millis("frontier.retry.backoff.initial.ms", Duration.ofMillis(500), ms, hour),
        c.millis(BACKOFF_MAX, Duration.ofSeconds(8), ms, hour),
        c.millis("frontier.retry.after.max.ms", Duration.ofSeconds(30), Duration.ZERO, hour),
        c.integer("frontier.breaker.window.calls", 20, 1, 10_000),
        c.integer(BREAKER_MIN_CALLS, 10, 1, 10_000),
        c.integer("frontier.breaker.failure.rate.percent", 50, 1, 100),
        c.millis("frontier.breaker.open.ms", Duration.ofSeconds(30), ms, hour),
        c.integer("frontier.breaker.half.open.calls", 2, 1, 1_000),
        c.integer("frontier.rate.requests.per.minute", 0, 0, 10_000_000),
        c.integer("frontier.rate.tokens.per.minute", 0, 0, 1_000_000_000),
        c.millis("frontier.rate.wait.ms", Duration.ofSeconds(2), Duration.ZERO, hour),
        c.integer(CONCURRENCY, 8, 1, 4_096),
        c.millis("frontier.concurrency.wait.ms", Duration.ofSeconds(10), Duration.ZERO, hour));
  }
}
