package dev.smallfirst.schemas.registry;

import java.net.URI;

/**
 * One HTTP answer of the registry, after retries. Error bodies {@code {"error_code":N,
 * "message":"..."}} are read leniently: a body that is not such JSON still yields a message.
 */
record RegistryReply(String method, URI uri, int status, String body) {

  /** Error code when the body carries none. */
  static final int NO_ERROR_CODE = -1;

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The registry's {@code error_code}, or {@link #NO_ERROR_CODE}. */
  int errorCode() {
    return RegistryJson.errorCode(body);
  }

  /** The registry's {@code message}, or an excerpt of the body. */
  String errorMessage() {
    return RegistryJson.errorMessage(status, body);
  }

  /** Whether this is a 404 that the registry itself sent with one of {@code codes}. */
  boolean isNotFound(int... codes) {
    if (status != 404) {
      return false;
    }
    int code = errorCode();
    for (int candidate : codes) {
      if (candidate == code) {
        return true;
      }
    }
    return false;
  }

  /** The exception for a status the caller does not handle. */
  SchemaRegistryException unexpected() {
    if (status == 401 || status == 403) {
      return new RegistryAuthException(status, method, uri, errorMessage());
    }
    return new RegistryResponseException(status, errorCode(), errorMessage(), uri);
  }
}
