/**
 * Confluent wire-format Avro serde for generated {@link org.apache.avro.specific.SpecificRecord}
 * classes, backed by {@link dev.smallfirst.schemas.registry.SchemaRegistryClient}.
 */
package dev.smallfirst.schemas.serde;
