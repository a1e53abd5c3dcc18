package dev.smallfirst.schemas.stages;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * One LLM's prices in micro-dollars per million tokens. Immutable.
 *
 * @param inputMicrosPerMillion price of one million input (prompt) tokens
 * @param outputMicrosPerMillion price of one million output (completion) tokens
 */
public record TokenPrices(long inputMicrosPerMillion, long outputMicrosPerMillion) {
  private static final long MILLION = 1_000_000L;

  /**
   * List prices (USD per million tokens, input/output) known when this was written, by model-name
   * prefix. Convenience defaults only: deployables let operators set their contract's prices.
   */
  private static final Map<String, TokenPrices> BUILT_IN =
      Map.ofEntries(
          Map.entry("claude-opus-4", new TokenPrices(15_000_000, 75_000_000)),
          Map.entry("claude-sonnet-4", new TokenPrices(3_000_000, 15_000_000)),
          Map.entry("claude-3-7-sonnet", new TokenPrices(3_000_000, 15_000_000)),
          Map.entry("claude-haiku-4", new TokenPrices(1_000_000, 5_000_000)),
          Map.entry("claude-3-5-haiku", new TokenPrices(800_000, 4_000_000)),
          Map.entry("gpt-4o-mini", new TokenPrices(150_000, 600_000)),
          Map.entry("gpt-4o", new TokenPrices(2_500_000, 10_000_000)),
          Map.entry("gpt-4.1-nano", new TokenPrices(100_000, 400_000)),
          Map.entry("gpt-4.1-mini", new TokenPrices(400_000, 1_600_000)),
          Map.entry("gpt-4.1", new TokenPrices(2_000_000, 8_000_000)));

  public TokenPrices {
    if (inputMicrosPerMillion < 0 || outputMicrosPerMillion < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** The built-in prices of the longest known prefix of {@code model}, if any. */
  public static Optional<TokenPrices> builtIn(String model) {
    return BUILT_IN.entrySet().stream()
        .filter(e -> model.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue);
  }

  /** Exact cost of the given token counts, rounded up to the next micro-dollar (for budgets). */
  public long cost(long inputTokens, long outputTokens) {
    long numerator =
        Math.addExact(
            Math.multiplyExact(inputTokens, inputMicrosPerMillion),
            Math.multiplyExact(outputTokens, outputMicrosPerMillion));
    return Math.ceilDiv(numerator, MILLION);
  }

  /** Cost of the given token counts rounded to the nearest micro-dollar (for estimates). */
  public long estimate(long inputTokens, long outputTokens) {
    return Math.round(
        (inputTokens * (double) inputMicrosPerMillion
                + outputTokens * (double) outputMicrosPerMillion)
            / MILLION);
  }
}
