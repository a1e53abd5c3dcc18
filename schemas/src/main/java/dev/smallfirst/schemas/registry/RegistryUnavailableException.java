package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry could not be reached, timed out, or kept answering 5xx/429 until the last attempt.
 * The message names the method, full URL, number of attempts and the last failure.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {

  private final URI url;
  private final int attempts;

  RegistryUnavailableException(
      String method, URI url, int attempts, String lastFailure, Throwable cause) {
    super(
        "Schema registry unavailable: "
            + method
            + " "
            + url
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + lastFailure,
        cause);
    this.url = url;
    this.attempts = attempts;
  }

  /** The URL of the failed request. */
  public URI url() {
    return url;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
