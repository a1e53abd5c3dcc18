package dev.smallfirst.frontier.resilience;

import dev.smallfirst.frontier.llm.LlmException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The resilience4j instances guarding provider calls, built from {@link ResilienceSettings}: one
 * retry (retriable {@link LlmException}s, honouring {@code retry-after}), one circuit breaker
 * (opens on provider failures only, not on budget, deadline or local limits), optional request and
 * token rate limiters, one bulkhead bounding calls in flight. Thread-safe.
 */
public final class FrontierGuards {
  private static final String NAME = "frontier";

  private final RetryRegistry retries;
  private final CircuitBreakerRegistry breakers;
  private final RateLimiterRegistry limiters;
  private final BulkheadRegistry bulkheads;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final Optional<RateLimiter> requestLimiter;
  private final Optional<RateLimiter> tokenLimiter;
  private final Bulkhead bulkhead;

  private FrontierGuards(ResilienceSettings s) {
    retries = RetryRegistry.of(retryConfig(s));
    breakers = CircuitBreakerRegistry.of(breakerConfig(s));
    limiters = RateLimiterRegistry.ofDefaults();
    bulkheads =
        BulkheadRegistry.of(
            BulkheadConfig.custom()
                .maxConcurrentCalls(s.concurrency())
                .maxWaitDuration(s.concurrencyWait())
                .build());
    retry = retries.retry(NAME);
    breaker = breakers.circuitBreaker(NAME);
    bulkhead = bulkheads.bulkhead(NAME);
    requestLimiter = limiter("frontier-requests", s.requestsPerMinute(), s.rateLimitWait());
    tokenLimiter = limiter("frontier-tokens", s.tokensPerMinute(), s.rateLimitWait());
  }

  /** Builds every guard from {@code s}. */
  public static FrontierGuards of(ResilienceSettings s) {
    return new FrontierGuards(s);
  }

  private static RetryConfig retryConfig(ResilienceSettings s) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(s.backoffInitial(), 2.0, 0.5, s.backoffMax());
    IntervalBiFunction<Object> interval =
        (attempt, either) -> {
          if (either.isLeft()
              && either.getLeft() instanceof LlmException e
              && e.retryAfter().isPresent()) {
            // Wait what the provider asked, plus up to 10% so replicas do not return in lockstep.
            long asked = e.retryAfter().get().toMillis();
            return asked + ThreadLocalRandom.current().nextLong(asked / 10 + 1);
          }
          return backoff.apply(attempt);
        };
    Duration retryAfterMax = s.retryAfterMax();
    return RetryConfig.custom()
        .maxAttempts(s.maxAttempts())
        .intervalBiFunction(interval)
        .retryOnException(
            t ->
                t instanceof LlmException e
                    && e.kind().retriable()
                    && e.retryAfter().map(d -> d.compareTo(retryAfterMax) <= 0).orElse(true))
        .failAfterMaxAttempts(false)
        .build();
  }

  private static CircuitBreakerConfig breakerConfig(ResilienceSettings s) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.breakerWindow())
        .minimumNumberOfCalls(s.breakerMinCalls())
        .failureRateThreshold(s.breakerFailureRatePercent())
        .waitDurationInOpenState(s.breakerOpen())
        .permittedNumberOfCallsInHalfOpenState(s.breakerHalfOpenCalls())
        // Budget refusals, deadlines and local limits say nothing about the provider's health.
        .ignoreException(t -> !(t instanceof LlmException e && e.kind().providerFailure()))
        .build();
  }

  private Optional<RateLimiter> limiter(String name, int perMinute, Duration wait) {
    if (perMinute <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        limiters.rateLimiter(
            name,
            RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(wait)
                .build()));
  }

  public Retry retry() {
    return retry;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public Optional<RateLimiter> requestLimiter() {
    return requestLimiter;
  }

  public Optional<RateLimiter> tokenLimiter() {
    return tokenLimiter;
  }

  public Bulkhead bulkhead() {
    return bulkhead;
  }

  /** Exposes every guard's state and counters as {@code resilience4j_*} meters. */
  public void bindTo(MeterRegistry meters) {
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
    TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
  }
}
