package dev.smallfirst.schemas.registry;

import java.net.URI;

/** The registry refused the credentials (HTTP 401) or the permission (HTTP 403); not retried. */
public final class RegistryAuthException extends SchemaRegistryException {

  private final int status;

  RegistryAuthException(int status, String method, URI url, String registryMessage) {
    super(
        "Schema registry refused the request (HTTP "
            + status
            + (status == 401 ? ", bad or missing credentials" : ", not permitted")
            + ") for "
            + method
            + " "
            + url
            + ": "
            + registryMessage
            + "; check "
            + RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG
            + " / "
            + RegistrySettings.BEARER_AUTH_TOKEN_CONFIG,
        null);
    this.status = status;
  }

  /** The HTTP status, 401 or 403. */
  public int status() {
    return status;
  }
}
