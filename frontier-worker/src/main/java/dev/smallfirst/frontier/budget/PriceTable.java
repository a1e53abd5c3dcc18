package dev.smallfirst.frontier.budget;

import dev.smallfirst.frontier.llm.LlmReply;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Prices of one model in micro-dollars per million tokens, and the exact integer cost of a call:
 * {@code ceil((in * inputPrice + out * outputPrice) / 1e6)} micro-dollars, so no fraction of a
 * micro-dollar is ever lost in the budget's favour. Immutable.
 *
 * @param inputMicrosPerMillion price of one million input (prompt) tokens
 * @param outputMicrosPerMillion price of one million output (completion) tokens
 */
public record PriceTable(long inputMicrosPerMillion, long outputMicrosPerMillion) {
  private static final long MILLION = 1_000_000L;

  /**
   * List prices (USD per million tokens, input/output) known when this was written, by model-name
   * prefix. Convenience defaults only: set {@code frontier.price.*} to your contract's prices.
   */
  private static final Map<String, PriceTable> BUILT_IN =
      Map.ofEntries(
          Map.entry("claude-opus-4", new PriceTable(15_000_000, 75_000_000)),
          Map.entry("claude-sonnet-4", new PriceTable(3_000_000, 15_000_000)),
          Map.entry("claude-3-7-sonnet", new PriceTable(3_000_000, 15_000_000)),
          Map.entry("claude-haiku-4", new PriceTable(1_000_000, 5_000_000)),
          Map.entry("claude-3-5-haiku", new PriceTable(800_000, 4_000_000)),
          Map.entry("gpt-4o-mini", new PriceTable(150_000, 600_000)),
          Map.entry("gpt-4o", new PriceTable(2_500_000, 10_000_000)),
          Map.entry("gpt-4.1-nano", new PriceTable(100_000, 400_000)),
          Map.entry("gpt-4.1-mini", new PriceTable(400_000, 1_600_000)),
          Map.entry("gpt-4.1", new PriceTable(2_000_000, 8_000_000)));

  public PriceTable {
    if (inputMicrosPerMillion < 0 || outputMicrosPerMillion < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** The built-in price of the longest known prefix of {@code model}, if any. */
  public static Optional<PriceTable> builtIn(String model) {
    return BUILT_IN.entrySet().stream()
        .filter(e -> model.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue);
  }

  /** Exact cost of {@code usage}, rounded up to the next micro-dollar. */
  public long cost(LlmReply.Usage usage) {
    return cost(usage.inputTokens(), usage.outputTokens());
  }

  /** Exact cost of the given token counts, rounded up to the next micro-dollar. */
  public long cost(long inputTokens, long outputTokens) {
    long numerator =
        Math.addExact(
            Math.multiplyExact(inputTokens, inputMicrosPerMillion),
            Math.multiplyExact(outputTokens, outputMicrosPerMillion));
    return Math.ceilDiv(numerator, MILLION);
  }
}
