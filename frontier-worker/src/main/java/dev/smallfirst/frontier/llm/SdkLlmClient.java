package dev.smallfirst.frontier.llm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SDK-backed clients share: the provider's name, the configured model, closing the SDK,
 * and one immediate retry of a call that failed on a stale pooled connection. Subclasses implement
 * {@link #complete}. Thread-safe when the SDK is.
 */
public abstract class SdkLlmClient implements LlmClient {
  private static final Logger log = LoggerFactory.getLogger(SdkLlmClient.class);

  private final ProviderKind kind;
  private final String model;
  private final Runnable closeSdk;

  protected SdkLlmClient(ProviderKind kind, String model, Runnable closeSdk) {
    this.kind = kind;
    this.model = model;
    this.closeSdk = closeSdk;
  }

  @Override
  public final String provider() {
    return kind.resultName();
  }

  @Override
  public final String model() {
    return model;
  }

  /**
   * Runs {@code call}; when it fails with {@code ioFailure} on a stale keep-alive connection (the
   * provider or a proxy closed it while it sat idle in the pool: "unexpected end of stream", EOF, a
   * reset), runs it once more, which takes a fresh connection since the failed one left the pool.
   * Gateways do the same; only the second failure counts against the provider. Timeouts are never
   * retried here (the deadline is resilience4j's business).
   */
  protected static <T> T retryingStaleConnection(
      Supplier<T> call, Class<? extends RuntimeException> ioFailure) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (!ioFailure.isInstance(e) || !isStaleConnection(e)) {
        throw e;
      }
      log.debug("stale pooled connection ({}); retrying once on a fresh one", e.toString());
      return call.get();
    }
  }

  /** Whether {@code e} says the connection was closed under us, not that the provider is slow. */
  static boolean isStaleConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return false;
      }
      String message = String.valueOf(t.getMessage());
      if (t instanceof EOFException
          || (t instanceof IOException && message.contains("unexpected end of stream"))
          || (t instanceof SocketException
              && (message.contains("Connection reset") || message.contains("Broken pipe")))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public final void close() {
    closeSdk.run();
  }
}
