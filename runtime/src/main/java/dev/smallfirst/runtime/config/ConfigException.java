package dev.smallfirst.runtime.config;

/** A setting is missing or invalid; the message names the key. Thrown at start, never later. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** The offending setting's key. */
  public String key() {
    return key;
  }
}
