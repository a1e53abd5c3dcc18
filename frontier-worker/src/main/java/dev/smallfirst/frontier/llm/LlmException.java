package dev.smallfirst.frontier.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed provider call, classified so that retry, circuit breaker and fallback can decide without
 * knowing the SDK. Messages never contain the API key or the prompt.
 */
public final class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** HTTP 429: the provider throttles us; honour {@code retry-after}. */
    RATE_LIMITED,
    /** Anthropic 529 {@code overloaded_error}, or 503: the provider is saturated. */
    OVERLOADED,
    /** Any other 5xx (and 409). */
    SERVER_ERROR,
    /** The call did not finish within its timeout (or the server answered 408). */
    TIMEOUT,
    /** Connection refused, reset, DNS: the request may not have reached the provider. */
    CONNECTION,
    /** 2xx with a body that is not the API's JSON. Not retried: it costs money and repeats. */
    MALFORMED_RESPONSE,
    /** 4xx other than 408/409/429: our request or credentials are wrong; retrying cannot help. */
    REJECTED;

    /** Whether another attempt may succeed. */
    public boolean retriable() {
      return this != MALFORMED_RESPONSE && this != REJECTED;
    }

    /** Whether it says something about the provider's health (counts for the circuit breaker). */
    public boolean providerFailure() {
      return this != REJECTED;
    }
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter; // null when absent

  public LlmException(
      Kind kind, int status, Optional<Duration> retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter.orElse(null);
  }

  public Kind kind() {
    return kind;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The wait the provider asked for ({@code retry-after-ms} or {@code retry-after}), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
