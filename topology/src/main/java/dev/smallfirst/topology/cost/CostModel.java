package dev.smallfirst.topology.cost;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.PriceTable;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.schemas.stages.StageSpec;
import dev.smallfirst.schemas.stages.TokenPrices;
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

  /**
   * Defaults from the shared {@link PriceTable#reference()}: a small call at $0.00002 (every small
   * stage costs the same there, so one flat price serves); the frontier at $3 / $15 per million
   * input / output tokens; each stage's typical frontier output from the {@link StageCatalogue};
   * 250 tokens of prompt per call.
   */
  public static CostModel defaults() {
    PriceTable prices = PriceTable.reference();
    Map<Stage, Integer> out = new EnumMap<>(Stage.class);
    StageCatalogue.all().forEach(s -> out.put(s.stage(), s.frontierOutputTokens()));
    return new CostModel(
        prices.smallCallMicros(Stage.DRAFT),
        prices.frontier().inputMicrosPerMillion(),
        prices.frontier().outputMicrosPerMillion(),
        250,
        4.0,
        out);
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
    for (StageSpec stage : StageCatalogue.all()) {
      if (!outputTokens.containsKey(stage.stage())) {
        throw new IllegalArgumentException("cost.output.tokens." + stage.id() + ": missing");
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
    for (Stage stage : StageCatalogue.stages()) {
      total += frontierCall(inputTokens, outputTokens.get(stage));
    }
    return total;
  }

  private long frontierCall(long inputTokens, long outputTokens) {
    return new TokenPrices(
            frontierInputMicrosPerMillionTokens, frontierOutputMicrosPerMillionTokens)
        .estimate(inputTokens, outputTokens);
  }
}
