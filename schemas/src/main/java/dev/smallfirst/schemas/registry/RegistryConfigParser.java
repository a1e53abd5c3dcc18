package dev.smallfirst.schemas.registry;

import static dev.smallfirst.schemas.registry.RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.BEARER_AUTH_TOKEN_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.MAX_ATTEMPTS_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.PREFIXED_BASIC_AUTH_USER_INFO_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.REQUEST_TIMEOUT_MS_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.RETRY_BACKOFF_MS_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.TRUSTSTORE_LOCATION_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.TRUSTSTORE_PASSWORD_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.TRUSTSTORE_TYPE_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.URL_CONFIG;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/** Reads {@link RegistrySettings} from Kafka-style configs whose values are strings or numbers. */
final class RegistryConfigParser {

  private RegistryConfigParser() {}

  static RegistrySettings parse(Map<String, ?> config) {
    Optional<String> userInfo = text(config, BASIC_AUTH_USER_INFO_CONFIG);
    if (userInfo.isEmpty()) {
      userInfo = text(config, PREFIXED_BASIC_AUTH_USER_INFO_CONFIG);
    }
    return new RegistrySettings(
        SettingsValidation.parseUrl(text(config, URL_CONFIG).orElse(null)),
        userInfo,
        text(config, BEARER_AUTH_TOKEN_CONFIG),
        Duration.ofMillis(
            number(config, REQUEST_TIMEOUT_MS_CONFIG)
                .orElse(RegistrySettings.DEFAULT_REQUEST_TIMEOUT.toMillis())),
        intNumber(config, MAX_ATTEMPTS_CONFIG).orElse(RegistrySettings.DEFAULT_MAX_ATTEMPTS),
        Duration.ofMillis(
            number(config, RETRY_BACKOFF_MS_CONFIG)
                .orElse(RegistrySettings.DEFAULT_BACKOFF.toMillis())),
        trustStore(config));
  }

  private static Optional<TrustStore> trustStore(Map<String, ?> config) {
    Optional<String> location = text(config, TRUSTSTORE_LOCATION_CONFIG);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TrustStore(
            Path.of(location.get()),
            text(config, TRUSTSTORE_PASSWORD_CONFIG).orElse(null),
            text(config, TRUSTSTORE_TYPE_CONFIG).orElse(TrustStore.DEFAULT_TYPE)));
  }

  /** A non-blank string value; Kafka {@link Password}s are unwrapped. */
  private static Optional<String> text(Map<String, ?> config, String key) {
    Object value = config.get(key);
    String text =
        switch (value) {
          case null -> null;
          case Password password -> password.value();
          case String string -> string;
          case Number number -> number.toString();
          default ->
              throw new IllegalArgumentException(
                  key + ": expected a string, got a " + value.getClass().getName());
        };
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  private static Optional<Integer> intNumber(Map<String, ?> config, String key) {
    Optional<Long> value = number(config, key);
    if (value.isPresent() && (value.get() < Integer.MIN_VALUE || value.get() > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(key + ": out of range, got " + value.get());
    }
    return value.map(Long::intValue);
  }

  private static Optional<Long> number(Map<String, ?> config, String key) {
    Object value = config.get(key);
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return Optional.of(((Number) value).longValue());
    }
    Optional<String> text = text(config, key);
    try {
      return text.map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": must be an integer, got '" + text.orElseThrow() + "'", e);
    }
  }
}
