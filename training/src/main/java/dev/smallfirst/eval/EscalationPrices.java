package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.PriceTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one message costs on each route of one stage, in micro-dollars, and how good the frontier
 * model is on what it receives; the threshold sweep prices escalation with it. The defaults come
 * from the pipeline's one {@link PriceTable}, so the evaluator prices a route as the topology does.
 *
 * @param smallMicros cost of the small model's call for one message (always paid)
 * @param frontierMicros extra cost of a frontier call when the message escalates
 * @param frontierQuality probability that the frontier model gets an escalated message right
 */
public record EscalationPrices(long smallMicros, long frontierMicros, double frontierQuality) {

  /** Until the frontier is measured on the same set, the quality assumed for its answers. */
  public static final double ASSUMED_FRONTIER_QUALITY = 0.97;

  /** Input and output tokens of a typical frontier call, for its reference price. */
  static final long TYPICAL_INPUT_TOKENS = 2_000;

  static final long TYPICAL_OUTPUT_TOKENS = 400;

  public EscalationPrices {
    if (smallMicros < 0 || frontierMicros < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
    if (frontierQuality < 0 || frontierQuality > 1) {
      throw new IllegalArgumentException("frontierQuality must be in [0, 1]");
    }
  }

  /**
   * The reference prices for {@code stage}: one small-model call of that stage from {@link
   * PriceTable#reference()}, and a typical frontier call (2,000 input and 400 output tokens at the
   * reference token prices), frontier right {@link #ASSUMED_FRONTIER_QUALITY} of the time.
   */
  public static EscalationPrices reference(Stage stage) {
    PriceTable table = PriceTable.reference();
    return new EscalationPrices(
        table.smallCallMicros(stage),
        table.frontier().cost(TYPICAL_INPUT_TOKENS, TYPICAL_OUTPUT_TOKENS),
        ASSUMED_FRONTIER_QUALITY);
  }

  /**
   * Reads {@code {"smallMicros": .., "frontierMicros": .., "frontierQuality": ..}}; a field left
   * out keeps its {@link #reference(Stage)} value.
   */
  public static EscalationPrices read(Path file, Stage stage) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    EscalationPrices d = reference(stage);
    try {
      return new EscalationPrices(
          n.path("smallMicros").asLong(d.smallMicros()),
          n.path("frontierMicros").asLong(d.frontierMicros()),
          n.path("frontierQuality").asDouble(d.frontierQuality()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Cost of 1,000 messages in micro-dollars when {@code escalationRate} of them escalate. */
  public long costPer1000Micros(double escalationRate) {
    return 1000 * smallMicros + Math.round(1000 * escalationRate * frontierMicros);
  }
}
