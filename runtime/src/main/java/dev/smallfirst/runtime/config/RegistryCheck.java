package dev.smallfirst.runtime.config;

import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.time.Duration;

/**
 * Checks at start that the schema registry answers, so a wrong {@code schema.registry.url} fails
 * within seconds, naming the key, instead of on the first record. Stateless.
 *
 * <pre>{@code
 * RegistryCheck.requireReachable(RegistrySettings.fromConfig(s.registryConfig()));
 * }</pre>
 */
public final class RegistryCheck {
  /** How long one probe request may take; two are made. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private RegistryCheck() {}

  /**
   * Asks the registry for its global compatibility level (Confluent API {@code GET /config}), with
   * a short timeout and one retry.
   *
   * @throws ConfigException naming {@code schema.registry.url} when it does not answer as a
   *     registry
   */
  public static void requireReachable(RegistrySettings settings) {
    RegistrySettings probe =
        new RegistrySettings(
            settings.url(),
            settings.basicAuthUserInfo(),
            settings.bearerToken(),
            PROBE_TIMEOUT,
            2,
            settings.backoff(),
            settings.trustStore());
    try (SchemaRegistryClient client = SchemaRegistryClient.create(probe)) {
      client.globalCompatibility();
    } catch (RuntimeException e) {
      throw new ConfigException(
          RegistryConfig.URL,
          "no schema registry answers at "
              + settings.url()
              + " ("
              + e.getMessage()
              + "); check the URL (Apicurio: .../apis/ccompat/v7) and that the registry runs");
    }
  }
}
