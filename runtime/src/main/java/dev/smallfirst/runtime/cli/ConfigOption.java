package dev.smallfirst.runtime.cli;

import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option every deployable takes, as a picocli mixin: settings from the
 * file (when given) under the {@code SMALLFIRST_*} environment variables.
 *
 * <pre>{@code
 * @Mixin ConfigOption config;
 * ... TopologySettings.from(config.load());
 * }</pre>
 */
public final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "settings file (properties)")
  private Path file;

  /** The settings: the file's, overridden by the environment's. */
  public ConfigSource load() {
    return ConfigSource.load(Optional.ofNullable(file), System.getenv());
  }
}
