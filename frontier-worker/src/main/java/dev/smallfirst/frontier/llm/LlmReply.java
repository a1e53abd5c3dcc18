package dev.smallfirst.frontier.llm;

import java.util.Optional;

/**
 * A provider's answer. Immutable.
 *
 * @param text the concatenated text content
 * @param model the model name the provider reports
 * @param usage token usage as reported; empty when the server did not report it (some
 *     OpenAI-compatible servers)
 * @param truncated whether the model stopped at the output-token limit
 */
public record LlmReply(String text, String model, Optional<Usage> usage, boolean truncated) {

  /**
   * Token usage as the provider reports it.
   *
   * @param inputTokens prompt tokens billed
   * @param outputTokens completion tokens billed
   */
  public record Usage(long inputTokens, long outputTokens) {
    public Usage {
      if (inputTokens < 0 || outputTokens < 0) {
        throw new IllegalArgumentException(
            "negative token usage: " + inputTokens + "/" + outputTokens);
      }
    }
  }
}
