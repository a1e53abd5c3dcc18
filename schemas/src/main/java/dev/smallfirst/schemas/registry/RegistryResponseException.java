package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * The registry answered with a status or body this client does not expect for the request. Carries
 * the HTTP status, the registry's {@code error_code} (or -1) and message, and the URL.
 */
public final class RegistryResponseException extends SchemaRegistryException {

  private final int status;
  private final int errorCode;
  private final String registryMessage;
  private final URI url;

  /** Creates the exception; {@code errorCode} is -1 when the body carried none. */
  public RegistryResponseException(int status, int errorCode, String message, URI url) {
    super(
        "Unexpected schema registry response HTTP "
            + status
            + (errorCode < 0 ? "" : " (error_code " + errorCode + ")")
            + " from "
            + url
            + ": "
            + message,
        null);
    this.status = status;
    this.errorCode = errorCode;
    this.registryMessage = message;
    this.url = url;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code}, or -1. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's message, or a description of the unexpected body. */
  public String registryMessage() {
    return registryMessage;
  }

  /** The URL of the request. */
  public URI url() {
    return url;
  }
}
