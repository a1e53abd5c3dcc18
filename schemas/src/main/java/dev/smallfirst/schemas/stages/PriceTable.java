package dev.smallfirst.schemas.stages;

import dev.smallfirst.records.Stage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one price table of the pipeline, in micro-dollars: what one small-model call of each stage
 * costs, and the frontier LLM's reference token prices. The topology prices replies and their
 * all-frontier counterfactual with it, the evaluator prices escalation rates, the frontier worker
 * falls back to it when no model price is configured. Immutable.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.reference();
 * long draft = prices.smallCallMicros(Stage.DRAFT);          // 20
 * long polish = prices.frontier().cost(2_000, 400);          // 12_000
 * }</pre>
 *
 * @param smallCallMicros cost of one call of each small-model stage
 * @param frontier reference prices of the frontier LLM
 */
public record PriceTable(Map<Stage, Long> smallCallMicros, TokenPrices frontier) {

  /** Reference frontier prices: $3 / $15 per million input / output tokens (a mid-size model). */
  public static final TokenPrices FRONTIER_REFERENCE = new TokenPrices(3_000_000, 15_000_000);

  public PriceTable {
    Map<Stage, Long> copy = new EnumMap<>(Stage.class);
    for (Stage stage : StageCatalogue.smallModelStages()) {
      Long micros = smallCallMicros.get(stage);
      if (micros == null || micros < 0) {
        throw new IllegalArgumentException(
            "price of a " + StageCatalogue.id(stage) + " call: missing or negative: " + micros);
      }
      copy.put(stage, micros);
    }
    smallCallMicros = Collections.unmodifiableMap(copy);
    if (frontier == null) {
      throw new IllegalArgumentException("frontier prices: missing");
    }
  }

  /**
   * The catalogue's small-model prices ($0.00002 a call, amortized GPU/CPU time) and {@link
   * #FRONTIER_REFERENCE}.
   */
  public static PriceTable reference() {
    Map<Stage, Long> small = new EnumMap<>(Stage.class);
    StageCatalogue.all().stream()
        .filter(StageSpec::smallModel)
        .forEach(s -> small.put(s.stage(), s.smallCallMicros()));
    return new PriceTable(small, FRONTIER_REFERENCE);
  }

  /** What one small-model call of {@code stage} costs; fails for a stage no small model serves. */
  public long smallCallMicros(Stage stage) {
    Long micros = smallCallMicros.get(stage);
    if (micros == null) {
      throw new IllegalArgumentException("no small-model price for stage " + stage);
    }
    return micros;
  }

  /** What one call of every small-model stage costs together: a message that never escalates. */
  public long smallPipelineMicros() {
    return smallCallMicros.values().stream().mapToLong(Long::longValue).sum();
  }
}
