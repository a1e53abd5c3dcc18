package dev.smallfirst.frontier.llm.providers;

import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.frontier.llm.anthropic.AnthropicLlmClient;
import dev.smallfirst.frontier.llm.openai.OpenAiCompatibleLlmClient;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds the configured provider's {@link LlmClient}. It lives apart from {@code frontier.llm},
 * which the provider packages implement, so that no package depends on its own implementations.
 */
public final class LlmClients {
  private LlmClients() {}

  /** The client for {@code settings}, or empty when no provider is configured (stand-in). */
  public static Optional<LlmClient> create(ProviderSettings settings, Clock clock) {
    return switch (settings.kind()) {
      case ANTHROPIC -> Optional.of(AnthropicLlmClient.create(settings, clock));
      case OPENAI -> Optional.of(OpenAiCompatibleLlmClient.create(settings, clock));
      case NONE -> Optional.empty();
    };
  }
}
