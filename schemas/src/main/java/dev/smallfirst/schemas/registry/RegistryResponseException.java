package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry answered with a status or body this client does not expect for the request. Carries
 * the HTTP status, the registry's {@code error_code} (or -1) and message (or a description of the
 * unexpected body), and the URL.
 */
public final class RegistryResponseException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  /** Creates the exception; {@code errorCode} is -1 when the body carried none. */
  public RegistryResponseException(int status, int errorCode, String message, URI url) {
    super(
        String.format(
            "Unexpected schema registry response HTTP %d%s from %s: %s",
            status, errorCode < 0 ? "" : " (error_code " + errorCode + ")", url, message),
        url,
        message,
        null);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code}, or -1. */
  public int errorCode() {
    return errorCode;
  }
}
