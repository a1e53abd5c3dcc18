package dev.smallfirst.runtime.config;

import dev.smallfirst.schemas.registry.RegistrySettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema-registry client's settings out of a deployable's {@link ConfigSource}: the keys of
 * {@link #KEYS} that are set, as {@code RegistrySettings.fromConfig} and Kafka Streams expect them.
 * Stateless.
 */
public final class RegistryConfig {
  /** The one key that must be set. */
  public static final String URL = "schema.registry.url";

  /** Every key the registry client reads; any other {@code schema.registry.*} key is unknown. */
  public static final List<String> KEYS =
      List.of(
          RegistrySettings.URL_CONFIG,
          RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG,
          RegistrySettings.PREFIXED_BASIC_AUTH_USER_INFO_CONFIG,
          RegistrySettings.BEARER_AUTH_TOKEN_CONFIG,
          RegistrySettings.REQUEST_TIMEOUT_MS_CONFIG,
          RegistrySettings.MAX_ATTEMPTS_CONFIG,
          RegistrySettings.RETRY_BACKOFF_MS_CONFIG,
          RegistrySettings.TRUSTSTORE_LOCATION_CONFIG,
          RegistrySettings.TRUSTSTORE_PASSWORD_CONFIG,
          RegistrySettings.TRUSTSTORE_TYPE_CONFIG);

  private RegistryConfig() {}

  /**
   * The registry settings in {@code c}.
   *
   * @throws ConfigException when {@code schema.registry.url} is not set
   */
  public static Map<String, String> read(ConfigSource c) {
    c.required(URL);
    Map<String, String> registry = new TreeMap<>();
    for (String key : KEYS) {
      c.optional(key).ifPresent(v -> registry.put(key, v));
    }
    return registry;
  }
}
