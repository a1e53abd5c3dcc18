package dev.smallfirst.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every failure of the schema-registry client. It is a Kafka {@link
 * SerializationException}, so producers and the Streams deserialization handlers treat it as one;
 * messages name the URL, subject or id concerned.
 */
public abstract class SchemaRegistryException extends SerializationException {

  /** Creates an exception with an operator-readable message and an optional cause. */
  protected SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
