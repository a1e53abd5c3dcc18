package dev.smallfirst.stack;

import dev.smallfirst.stack.internal.ApicurioDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to start the local stack. Ports of 0 mean "pick a free one"; an absent work folder means a
 * temporary one, deleted when the stack stops. Invalid values fail in the constructor with a
 * message that names the setting.
 *
 * @param workDir where broker data and the registry log go; empty for a temporary folder
 * @param kafkaPort the broker's client port on 127.0.0.1, 0 for a free one
 * @param registryPort the registry's HTTP port on 127.0.0.1, 0 for a free one
 * @param apicurioHome an unpacked Apicurio Registry distribution; empty to unpack the build's
 * @param registryJava the {@code java} executable for the registry (Java 21 or newer)
 * @param startTimeout how long each server may take to become ready
 */
public record StackSettings(
    Optional<Path> workDir,
    int kafkaPort,
    int registryPort,
    Optional<Path> apicurioHome,
    Path registryJava,
    Duration startTimeout) {

  /** Environment variables that {@link #fromEnvironment(Map)} reads. */
  public static final String WORK_DIR = "SMALLFIRST_STACK_DIR";

  public static final String KAFKA_PORT = "SMALLFIRST_KAFKA_PORT";
  public static final String REGISTRY_PORT = "SMALLFIRST_REGISTRY_PORT";
  public static final String APICURIO_HOME = "SMALLFIRST_APICURIO_HOME";
  public static final String REGISTRY_JAVA = "SMALLFIRST_REGISTRY_JAVA";
  public static final String START_TIMEOUT = "SMALLFIRST_STACK_START_TIMEOUT_SECONDS";

  public StackSettings {
    requirePort(KAFKA_PORT, kafkaPort);
    requirePort(REGISTRY_PORT, registryPort);
    if (kafkaPort != 0 && kafkaPort == registryPort) {
      throw new IllegalArgumentException(
          KAFKA_PORT + " and " + REGISTRY_PORT + " must differ, both are " + kafkaPort);
    }
    apicurioHome.ifPresent(
        home -> {
          if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException(
                APICURIO_HOME
                    + ": "
                    + home
                    + " is not an Apicurio Registry distribution"
                    + " (no quarkus-run.jar)");
          }
        });
    if (!Files.isExecutable(registryJava)) {
      throw new IllegalArgumentException(
          REGISTRY_JAVA + ": " + registryJava + " is not an executable java");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(START_TIMEOUT + ": must be positive, got " + startTimeout);
    }
  }

  /** Free ports, a temporary folder, the build's Apicurio and this JVM's {@code java}. */
  public static StackSettings defaults() {
    return new StackSettings(
        Optional.empty(), 0, 0, Optional.empty(), currentJava(), Duration.ofSeconds(90));
  }

  /** Reads the {@code SMALLFIRST_*} variables above, falling back to {@link #defaults()}. */
  public static StackSettings fromEnvironment(Map<String, String> env) {
    StackSettings d = defaults();
    return new StackSettings(
        Optional.ofNullable(env.get(WORK_DIR)).filter(s -> !s.isBlank()).map(Path::of),
        intValue(env, KAFKA_PORT, d.kafkaPort()),
        intValue(env, REGISTRY_PORT, d.registryPort()),
        Optional.ofNullable(env.get(APICURIO_HOME)).filter(s -> !s.isBlank()).map(Path::of),
        Optional.ofNullable(env.get(REGISTRY_JAVA)).map(Path::of).orElse(d.registryJava()),
        Duration.ofSeconds(intValue(env, START_TIMEOUT, (int) d.startTimeout().toSeconds())));
  }

  /** The unpacked Apicurio distribution to run. */
  Path resolveApicurioHome() {
    return apicurioHome.orElseGet(
        () ->
            ApicurioDistribution.unpacked(
                ApicurioDistribution.archiveFromBuild(), ApicurioDistribution.defaultCacheDir()));
  }

  private static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static int intValue(Map<String, String> env, String key, int fallback) {
    String raw = env.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a whole number: '" + raw + "'", e);
    }
  }

  private static void requirePort(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(key + ": must be 0 (free port) or 1-65535, got " + port);
    }
  }
}
