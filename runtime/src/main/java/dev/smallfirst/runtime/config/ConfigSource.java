package dev.smallfirst.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Settings of a deployable, read from (lowest to highest precedence) built-in defaults, an optional
 * properties file, and environment variables: key {@code a.b.c} is also read from {@code
 * SMALLFIRST_A_B_C}. Kafka client settings pass through with the prefix {@code kafka.} (or
 * environment variables {@code KAFKA_*}). Typed getters fail with a {@link ConfigException} that
 * names the key. Immutable and thread-safe.
 *
 * <pre>{@code
 * ConfigSource config = ConfigSource.load(Optional.of(Path.of("topology.properties")), System.getenv());
 * int partitions = config.integer("topic.partitions", 6, 1, 10_000);
 * }</pre>
 */
public final class ConfigSource {
  private static final String ENV_PREFIX = "SMALLFIRST_";
  private static final String KAFKA_ENV_PREFIX = "KAFKA_";
  private static final String KAFKA_PREFIX = "kafka.";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from {@code map} alone (tests, embedding). */
  public static ConfigSource of(Map<String, String> map) {
    return new ConfigSource(map);
  }

  /** Reads {@code file} (if present) and then the environment. */
  public static ConfigSource load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    file.ifPresent(f -> values.putAll(readProperties(f)));
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith(ENV_PREFIX)) {
        values.put(
            e.getKey().substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
            e.getValue());
      } else if (e.getKey().startsWith(KAFKA_ENV_PREFIX)) {
        values.put(
            KAFKA_PREFIX
                + e.getKey()
                    .substring(KAFKA_ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.'),
            e.getValue());
      }
    }
    return new ConfigSource(values);
  }

  /** A copy with {@code overrides} on top (e.g. command-line options). */
  public ConfigSource with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new ConfigSource(merged);
  }

  public Optional<String> optional(String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  public String string(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  public String required(String key) {
    return optional(key)
        .orElseThrow(
            () ->
                new ConfigException(
                    key,
                    "required but not set (property "
                        + key
                        + " or environment "
                        + envName(key)
                        + ")"));
  }

  public int integer(String key, int fallback, int min, int max) {
    return bounded(key, fallback, min, max, Integer::parseInt, "not a whole number");
  }

  public long longValue(String key, long fallback, long min, long max) {
    return bounded(key, fallback, min, max, Long::parseLong, "not a whole number");
  }

  public double decimal(String key, double fallback, double min, double max) {
    return bounded(key, fallback, min, max, Double::parseDouble, "not a number");
  }

  /** Parses {@code key} with {@code parse} and checks it lies in [min, max] (NaN never does). */
  private <T extends Comparable<T>> T bounded(
      String key, T fallback, T min, T max, Function<String, T> parse, String notParsable) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    T value;
    try {
      value = parse.apply(raw.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, notParsable + ": '" + raw.get() + "'");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(key, "must be within [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** A duration given in milliseconds under {@code key} (which should end in {@code .ms}). */
  public Duration millis(String key, Duration fallback, Duration min, Duration max) {
    return Duration.ofMillis(longValue(key, fallback.toMillis(), min.toMillis(), max.toMillis()));
  }

  public boolean bool(String key, boolean fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(key, "not a boolean (true/false): '" + raw.get() + "'");
    };
  }

  /** Settings under {@code kafka.}, prefix removed: passed through to Kafka clients as they are. */
  public Map<String, String> kafkaOverrides() {
    Map<String, String> kafka = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(KAFKA_PREFIX)) {
            kafka.put(k.substring(KAFKA_PREFIX.length()), v);
          }
        });
    return kafka;
  }

  /** Every setting, for libraries configured by a map (e.g. the registry client). */
  public Map<String, String> asMap() {
    return values;
  }

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, String> readProperties(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException("--config", "file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read settings file " + file, e);
    }
    Map<String, String> map = new HashMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }
}
