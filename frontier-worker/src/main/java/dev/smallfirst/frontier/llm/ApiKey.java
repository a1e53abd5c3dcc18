package dev.smallfirst.frontier.llm;

import dev.smallfirst.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A provider API key. Its {@link #toString()} never shows the key, so settings records and log
 * lines that contain one stay safe; only the SDK client builder calls {@link #reveal()}. Immutable.
 */
public final class ApiKey {
  private final String value;
  private final String source;

  private ApiKey(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * Reads the key from {@code file} when given (a mounted secret; surrounding whitespace is
   * trimmed), else from the environment variable {@code envName}.
   *
   * @param fileKey the settings key that named the file, for error messages
   */
  public static Optional<ApiKey> resolve(
      Optional<Path> file, String fileKey, String envName, Map<String, String> env) {
    if (file.isPresent()) {
      String text;
      try {
        text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException(fileKey, "cannot read API key file " + file.get() + ": " + e);
      }
      if (text.isEmpty()) {
        throw new ConfigException(fileKey, "API key file " + file.get() + " is empty");
      }
      return Optional.of(new ApiKey(text, "file " + file.get()));
    }
    String fromEnv = envName.isEmpty() ? null : env.get(envName);
    if (fromEnv == null || fromEnv.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ApiKey(fromEnv.strip(), "environment variable " + envName));
  }

  /** A key given directly (tests, local servers that ignore keys). */
  public static ApiKey of(String value) {
    return new ApiKey(value, "given");
  }

  /** The secret itself; pass it to the SDK and nowhere else. */
  public String reveal() {
    return value;
  }

  /** Where the key came from (file path or variable name), safe to log. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "ApiKey[from " + source + ", ****]";
  }
}
