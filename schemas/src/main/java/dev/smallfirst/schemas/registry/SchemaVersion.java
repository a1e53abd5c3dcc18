package dev.smallfirst.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject: its number, the registry-wide schema id and the schema.
 * Immutable; no component is null.
 *
 * @param subject the subject, e.g. {@code support.messages-value}
 * @param version the version number within the subject, from 1
 * @param id the registry-wide schema id written into the Confluent wire format
 * @param schema the Avro schema
 */
public record SchemaVersion(String subject, int version, int id, Schema schema) {

  /** Rejects null components. */
  public SchemaVersion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
