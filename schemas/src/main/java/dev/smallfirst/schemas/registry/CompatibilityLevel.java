package dev.smallfirst.schemas.registry;

/**
 * A subject's schema compatibility level, as named by the Confluent REST API. {@code BACKWARD} is
 * Confluent's default: consumers on the new schema can read data written with the previous one.
 */
public enum CompatibilityLevel {
  /** No check. */
  NONE,
  /** New schema reads data written with the previous version. */
  BACKWARD,
  /** New schema reads data written with every earlier version. */
  BACKWARD_TRANSITIVE,
  /** Previous version reads data written with the new schema. */
  FORWARD,
  /** Every earlier version reads data written with the new schema. */
  FORWARD_TRANSITIVE,
  /** Both backward and forward with the previous version. */
  FULL,
  /** Both backward and forward with every earlier version. */
  FULL_TRANSITIVE
}
