package dev.smallfirst.frontier.llm;

import java.time.Duration;

/**
 * One completion request: the system instructions, the user turn, the output bound and the time
 * this attempt may take. Immutable.
 *
 * @param system system prompt (brand and policy instructions)
 * @param user user turn (stage outputs, draft and the delimited customer text)
 * @param maxTokens upper bound on output tokens
 * @param timeout the whole HTTP call must finish within this
 */
public record LlmRequest(String system, String user, int maxTokens, Duration timeout) {
  public LlmRequest {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Characters sent, for token estimates. */
  public int chars() {
    return system.length() + user.length();
  }
}
