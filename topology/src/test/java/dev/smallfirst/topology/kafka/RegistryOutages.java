package dev.smallfirst.topology.kafka;

import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.RegistryUnavailableException;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;

/** A real {@link RegistryUnavailableException}, from a client asking a port nobody listens on. */
final class RegistryOutages {
  private static final RegistryUnavailableException OUTAGE = ask();

  private RegistryOutages() {}

  static RegistryUnavailableException outage() {
    return OUTAGE;
  }

  private static RegistryUnavailableException ask() {
    try (SchemaRegistryClient client =
        SchemaRegistryClient.create(RegistrySettings.of("http://127.0.0.1:1"))) {
      client.globalCompatibility();
      throw new AssertionError("port 1 answered");
    } catch (RegistryUnavailableException e) {
      return e;
    }
  }
}
