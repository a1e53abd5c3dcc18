package dev.smallfirst.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Settings of a deployable, read from (lowest to highest precedence) built-in defaults, an optional
 * properties file, and environment variables: key {@code a.b.c} is also read from {@code
 * SMALLFIRST_A_B_C} (except the launcher's and the local stack's own variables, {@link
 * #NOT_SETTINGS}). Kafka client settings pass through with the prefix {@code kafka.} (file, {@code
 * SMALLFIRST_KAFKA_*}); an environment variable {@code KAFKA_X_Y} counts only when {@code x.y} is a
 * Kafka client config name ({@link KafkaConfigNames}), so {@code KAFKA_PORT}, {@code
 * KAFKA_SERVICE_HOST} (Kubernetes service links) and {@code KAFKA_OPTS} are ignored. Typed getters
 * fail with a {@link ConfigException} that names the key, and {@link #requireNoUnknownKeys} fails
 * for any key given but never asked for, naming the nearest known key. Thread-safe; the values are
 * immutable, the record of keys asked for grows as getters run.
 *
 * <pre>{@code
 * ConfigSource config = ConfigSource.load(Optional.of(Path.of("topology.properties")), System.getenv());
 * int partitions = config.integer("topic.partitions", 6, 1, 10_000);
 * config.requireNoUnknownKeys(); // after every setting was read
 * }</pre>
 */
public final class ConfigSource {
  private static final String ENV_PREFIX = "SMALLFIRST_";
  private static final String KAFKA_ENV_PREFIX = "KAFKA_";
  private static final String KAFKA_PREFIX = "kafka.";

  /**
   * {@code SMALLFIRST_*} environment variables that are not settings: the launcher's, the images'
   * start script's ({@code LOG_FORMAT}), the encoder loader's and the local stack's own.
   */
  public static final Set<String> NOT_SETTINGS =
      Set.of(
          "SMALLFIRST_JAVA_OPTS",
          "SMALLFIRST_LOGBACK",
          "SMALLFIRST_LOG_FORMAT",
          "SMALLFIRST_ENCODER_PATH",
          "SMALLFIRST_ENCODER_CACHE",
          "SMALLFIRST_DATASETS",
          "SMALLFIRST_DEMO_LOG",
          "SMALLFIRST_CACHE_DIR",
          "SMALLFIRST_STACK_DIR",
          "SMALLFIRST_KAFKA_PORT",
          "SMALLFIRST_REGISTRY_PORT",
          "SMALLFIRST_APICURIO_HOME",
          "SMALLFIRST_REGISTRY_JAVA",
          "SMALLFIRST_STACK_START_TIMEOUT_SECONDS");

  private final Map<String, String> values;

  /** Kafka settings from {@code KAFKA_*} variables, by config name: used only when known. */
  private final Map<String, String> kafkaEnv;

  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  private ConfigSource(Map<String, String> values, Map<String, String> kafkaEnv) {
    this.values = Map.copyOf(values);
    this.kafkaEnv = Map.copyOf(kafkaEnv);
  }

  /** Settings from {@code map} alone (tests, embedding). */
  public static ConfigSource of(Map<String, String> map) {
    return new ConfigSource(map, Map.of());
  }

  /** Reads {@code file} (if present) and then the environment. */
  public static ConfigSource load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> kafkaEnv = new HashMap<>();
    file.ifPresent(f -> values.putAll(readProperties(f)));
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith(ENV_PREFIX) && !NOT_SETTINGS.contains(e.getKey())) {
        values.put(dotted(e.getKey().substring(ENV_PREFIX.length())), e.getValue());
      } else if (e.getKey().startsWith(KAFKA_ENV_PREFIX)) {
        kafkaEnv.put(dotted(e.getKey().substring(KAFKA_ENV_PREFIX.length())), e.getValue());
      }
    }
    return new ConfigSource(values, kafkaEnv);
  }

  private static String dotted(String envSuffix) {
    return envSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** A copy with {@code overrides} on top (e.g. command-line options). */
  public ConfigSource with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new ConfigSource(merged, kafkaEnv);
  }

  public Optional<String> optional(String key) {
    asked.add(key);
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

  /**
   * Kafka client settings, prefix removed: every {@code kafka.*} key, which must name a Kafka
   * client config ({@link KafkaConfigNames#CLIENTS}), and each {@code KAFKA_*} variable that names
   * one.
   *
   * @throws ConfigException for a {@code kafka.*} key that names no Kafka config
   */
  public Map<String, String> kafkaOverrides() {
    return kafkaOverrides(KafkaConfigNames.CLIENTS);
  }

  /**
   * Like {@link #kafkaOverrides()}, with {@code known} the config names accepted (e.g. Kafka
   * Streams' too, see {@link KafkaConfigNames#isKnown}).
   */
  public Map<String, String> kafkaOverrides(KafkaConfigNames known) {
    Map<String, String> kafka = new TreeMap<>();
    kafkaEnv.forEach(
        (k, v) -> {
          if (known.isKnown(k)) {
            kafka.put(k, v);
          }
        });
    values.forEach(
        (k, v) -> {
          if (k.startsWith(KAFKA_PREFIX)) {
            String name = k.substring(KAFKA_PREFIX.length());
            if (!known.isKnown(name)) {
              throw new ConfigException(k, unknown("Kafka client config", name, known.names()));
            }
            asked.add(k);
            kafka.put(name, v);
          }
        });
    return kafka;
  }

  /**
   * Fails for the first key (in order) that was given but never asked for by a getter: a typo such
   * as {@code deadline.clasify.ms} stops the start instead of passing silently. Call it after every
   * setting of the deployable was read.
   *
   * @throws ConfigException naming the unknown key and the nearest known one
   */
  public void requireNoUnknownKeys() {
    for (String key : new TreeMap<>(values).keySet()) {
      if (!asked.contains(key)) {
        throw new ConfigException(key, unknown("setting", key, asked));
      }
    }
  }

  private static String unknown(String what, String key, Collection<String> known) {
    return "unknown "
        + what
        + Nearest.to(key, known).map(n -> "; the nearest known one is " + n).orElse("");
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
