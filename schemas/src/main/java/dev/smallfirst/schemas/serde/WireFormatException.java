package dev.smallfirst.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a valid Confluent wire-format Avro record. A Kafka {@link
 * SerializationException}, so deserialization handlers can dead-letter the record.
 */
public abstract class WireFormatException extends SerializationException {

  /** Creates the exception with an operator-readable message and an optional cause. */
  protected WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
