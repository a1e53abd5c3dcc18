package dev.smallfirst.runtime.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The schema-registry client's settings out of a deployable's {@link ConfigSource}: every {@code
 * schema.registry.*} key plus {@code basic.auth.user.info} and {@code bearer.auth.token}, as {@code
 * RegistrySettings.fromConfig} and Kafka Streams expect them. Stateless.
 */
public final class RegistryConfig {
  /** The one key that must be set. */
  public static final String URL = "schema.registry.url";

  private RegistryConfig() {}

  /**
   * The registry settings in {@code c}.
   *
   * @throws ConfigException when {@code schema.registry.url} is not set
   */
  public static Map<String, String> read(ConfigSource c) {
    c.required(URL);
    Map<String, String> registry = new TreeMap<>();
    c.asMap()
        .forEach(
            (k, v) -> {
              if (k.startsWith("schema.registry.")
                  || k.equals("basic.auth.user.info")
                  || k.equals("bearer.auth.token")) {
                registry.put(k, v);
              }
            });
    return registry;
  }
}
