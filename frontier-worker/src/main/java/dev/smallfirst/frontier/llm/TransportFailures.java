package dev.smallfirst.frontier.llm;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps an SDK's failures to {@link LlmException}s the same way for every provider: I/O to {@link
 * LlmException.Kind#TIMEOUT} or {@link LlmException.Kind#CONNECTION}, HTTP statuses to their kind,
 * unparsable replies to {@link LlmException.Kind#MALFORMED_RESPONSE}. Stateless.
 */
public final class TransportFailures {
  private TransportFailures() {}

  /** Timeouts surface from OkHttp as {@link InterruptedIOException} (incl. socket timeouts). */
  public static LlmException map(String provider, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return new LlmException(
            LlmException.Kind.TIMEOUT,
            0,
            Optional.empty(),
            provider + ": no complete response in time (" + t.getMessage() + ")",
            e);
      }
    }
    Throwable root = e.getCause() == null ? e : e.getCause();
    return new LlmException(
        LlmException.Kind.CONNECTION,
        0,
        Optional.empty(),
        provider + ": transport failure: " + root,
        e);
  }

  /** The kind of an HTTP error status: 429 throttled, 503/529 overloaded, 408 timeout, 5xx/409. */
  public static LlmException.Kind kindOf(int status) {
    return switch (status) {
      case 429 -> LlmException.Kind.RATE_LIMITED;
      case 503, 529 -> LlmException.Kind.OVERLOADED;
      case 408 -> LlmException.Kind.TIMEOUT;
      case 409 -> LlmException.Kind.SERVER_ERROR;
      default -> status >= 500 ? LlmException.Kind.SERVER_ERROR : LlmException.Kind.REJECTED;
    };
  }

  /**
   * An HTTP error answer; the wait comes from its {@code retry-after(-ms)} headers.
   *
   * @param headers all values of a response header by name
   */
  public static LlmException http(
      LlmException.Kind kind,
      int status,
      String detail,
      Function<String, List<String>> headers,
      Clock clock,
      RuntimeException e) {
    return new LlmException(
        kind,
        status,
        RetryAfter.parse(name -> headers.apply(name).stream().findFirst(), clock),
        detail,
        e);
  }

  /** A 2xx answer that is not the API's reply ({@code what}, e.g. "a Messages API reply"). */
  public static LlmException malformed(String provider, String what, RuntimeException e) {
    return new LlmException(
        LlmException.Kind.MALFORMED_RESPONSE,
        200,
        Optional.empty(),
        provider + ": response is not " + what + ": " + e.getMessage(),
        e);
  }

  /** Any other SDK failure. */
  public static LlmException other(String provider, RuntimeException e) {
    return new LlmException(
        LlmException.Kind.SERVER_ERROR, 0, Optional.empty(), provider + ": " + e.getMessage(), e);
  }
}
