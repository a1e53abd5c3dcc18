package dev.smallfirst.frontier.llm;

import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * Maps an SDK's I/O failure to {@link LlmException.Kind#TIMEOUT} or {@link
 * LlmException.Kind#CONNECTION}.
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
}
