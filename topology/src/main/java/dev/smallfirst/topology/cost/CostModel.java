package dev.smallfirst.topology.cost;

import dev.smallfirst.records.Stage;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prices used to account every reply and its all-frontier counterfactual, in micro-dollars. The
 * counterfactual prices each of the five stages as one frontier call: a prompt of {@code
 * promptOverheadTokens} plus the message's tokens in, the stage's typical output out.
 *
 * @param smallCallMicros cost of one small-model stage call (amortized GPU/CPU time)
 * @param frontierInputMicrosPerMillionTokens frontier price of a million input tokens
 * @param frontierOutputMicrosPerMillionTokens frontier price of a million output tokens
 * @param promptOverheadTokens instructions and framing sent with every frontier call
 * @param charsPerToken characters per token, to estimate tokens from text length
 * @param outputTokens typical output tokens of each stage when the frontier does it
 */
public record CostModel(
    long smallCallMicros,
    long frontierInputMicrosPerMillionTokens,
    long frontierOutputMicrosPerMillionTokens,
    int promptOverheadTokens,
    double charsPerToken,
    Map<Stage, Integer> outputTokens) {

  /** Stages the counterfactual prices. */
  public static final Stage[] ALL_STAGES = {
    Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT, Stage.POLISH
  };

  /**
   * Defaults: a small call at $0.00002; a frontier model at $3 / $15 per million input / output
   * tokens (a mid-size frontier model's list price in 2026); 250 tokens of prompt per call.
   */
  public static CostModel defaults() {
    Map<Stage, Integer> out = new EnumMap<>(Stage.class);
    out.put(Stage.CLASSIFY, 10);
    out.put(Stage.EXTRACT, 60);
    out.put(Stage.SENTIMENT, 5);
    out.put(Stage.DRAFT, 180);
    out.put(Stage.POLISH, 180);
    return new CostModel(20, 3_000_000, 15_000_000, 250, 4.0, out);
  }

  public CostModel {
    if (smallCallMicros < 0
        || frontierInputMicrosPerMillionTokens < 0
        || frontierOutputMicrosPerMillionTokens < 0
        || promptOverheadTokens < 0) {
      throw new IllegalArgumentException("cost.*: prices and token counts must not be negative");
    }
    if (!(charsPerToken > 0)) {
      throw new IllegalArgumentException(
          "cost.chars.per.token: must be positive, got " + charsPerToken);
    }
    outputTokens = Map.copyOf(outputTokens);
    for (Stage stage : ALL_STAGES) {
      if (!outputTokens.containsKey(stage)) {
        throw new IllegalArgumentException(
            "cost.output.tokens." + stage.name().toLowerCase(java.util.Locale.ROOT) + ": missing");
      }
    }
  }

  /** What {@code calls} small-model stage calls cost. */
  public long smallCalls(int calls) {
    return smallCallMicros * calls;
  }

  /**
   * What sending all five stages of a message of {@code textChars} characters to the frontier would
   * cost.
   */
  public long allFrontier(int textChars) {
    long inputTokens = promptOverheadTokens + Math.round(textChars / charsPerToken);
    long total = 0;
    for (Stage stage : ALL_STAGES) {
      total += frontierCall(inputTokens, outputTokens.get(stage));
    }
    return total;
  }

  private long frontierCall(long inputTokens, long outputTokens) {
    return Math.round(
        (inputTokens * (double) frontierInputMicrosPerMillionTokens
                + outputTokens * (double) frontierOutputMicrosPerMillionTokens)
            / 1_000_000.0);
  }
}
