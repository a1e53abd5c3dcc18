package dev.smallfirst.schemas.registry;

import java.net.URI;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every failure of the schema-registry client. It is a Kafka {@link
 * SerializationException}, so producers and the Streams deserialization handlers treat it as one;
 * messages name the URL, subject or id concerned.
 */
public abstract class SchemaRegistryException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final URI url;
  private final String registryMessage;

  /** Creates an exception with an operator-readable message and an optional cause. */
  protected SchemaRegistryException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** An exception about the request to {@code url} (may be null). */
  protected SchemaRegistryException(String message, URI url, Throwable cause) {
    this(message, url, null, cause);
  }

  /** An exception about the registry's answer to {@code url}, with its own explanation. */
  protected SchemaRegistryException(
      String message, URI url, String registryMessage, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.registryMessage = registryMessage;
  }

  /** The URL of the request, or null when there was none. */
  public URI url() {
    return url;
  }

  /** The registry's own explanation, as sent, or null when the registry did not answer. */
  public String registryMessage() {
    return registryMessage;
  }
}
