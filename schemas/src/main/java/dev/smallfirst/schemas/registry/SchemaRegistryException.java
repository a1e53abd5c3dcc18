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

  /** Creates an exception with an operator-readable message and an optional cause. */
  protected SchemaRegistryException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** An exception about the request to {@code url} (may be null). */
  protected SchemaRegistryException(String message, URI url, Throwable cause) {
    super(message, cause);
    this.url = url;
  }

  /** The URL of the request, or null when there was none. */
  public URI url() {
    return url;
  }
}
