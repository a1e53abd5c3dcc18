package dev.smallfirst.frontier.llm;

import dev.smallfirst.runtime.config.ConfigException;
import java.util.Locale;

/** Which frontier API the worker calls; {@link #NONE} selects the offline stand-in. */
public enum ProviderKind {
  /** Anthropic Messages API. */
  ANTHROPIC,
  /** OpenAI Chat Completions and compatible servers (vLLM, Ollama, gateways). */
  OPENAI,
  /** No provider: the offline stand-in answers (demo only). */
  NONE;

  /** The name written to {@code EscalationResult.provider}. */
  public String resultName() {
    return switch (this) {
      case ANTHROPIC -> "anthropic";
      case OPENAI -> "openai-compatible";
      case NONE -> "offline-stand-in";
    };
  }

  /** The environment variable the API key is read from unless configured otherwise. */
  public String defaultKeyEnv() {
    return switch (this) {
      case ANTHROPIC -> "ANTHROPIC_API_KEY";
      case OPENAI -> "OPENAI_API_KEY";
      case NONE -> "";
    };
  }

  /** Parses the value of {@code key}: {@code anthropic}, {@code openai} or {@code none}. */
  public static ProviderKind parse(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "anthropic" -> ANTHROPIC;
      case "openai", "openai-compatible" -> OPENAI;
      case "none", "" -> NONE;
      default ->
          throw new ConfigException(
              key, "unknown provider '" + value + "' (expected anthropic, openai or none)");
    };
  }
}
