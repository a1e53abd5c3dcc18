package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry could not be reached, timed out, or kept answering 5xx/429 until the last attempt.
 * The message names the method, full URL, number of attempts and the last failure.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  RegistryUnavailableException(
      String method, URI url, int attempts, String lastFailure, Throwable cause) {
    super(
        String.format(
            "Schema registry unavailable: %s %s failed after %d %s: %s",
            method, url, attempts, attempts == 1 ? "attempt" : "attempts", lastFailure),
        url,
        cause);
    this.attempts = attempts;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
