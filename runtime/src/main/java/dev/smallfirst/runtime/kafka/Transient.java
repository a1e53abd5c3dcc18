package dev.smallfirst.runtime.kafka;

import dev.smallfirst.schemas.registry.RegistryUnavailableException;

/**
 * Tells an outage from bad data: a record that fails because the schema registry cannot be reached
 * is good data met at a bad time, so it must be retried, never dead-lettered. Stateless.
 */
public final class Transient {
  private Transient() {}

  /** Whether {@code error}, or anything that caused it, says the registry is unavailable. */
  public static boolean isRegistryOutage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
