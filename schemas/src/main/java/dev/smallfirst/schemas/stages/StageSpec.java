package dev.smallfirst.schemas.stages;

import dev.smallfirst.records.Stage;
import java.time.Duration;
import java.util.Locale;

/**
 * One entry of the {@link StageCatalogue}. Immutable.
 *
 * @param stage the Avro symbol
 * @param role when the stage runs and on what
 * @param defaultDeadline how long the topology waits for one attempt unless configured otherwise
 * @param smallCallMicros what one small-model call of this stage costs (0 for the frontier stage,
 *     which is priced by its tokens)
 * @param frontierOutputTokens typical output tokens if the frontier LLM did this stage (for the
 *     all-frontier counterfactual)
 */
public record StageSpec(
    Stage stage,
    StageRole role,
    Duration defaultDeadline,
    long smallCallMicros,
    int frontierOutputTokens) {

  public StageSpec {
    if (stage == null || stage == Stage.UNKNOWN || role == null) {
      throw new IllegalArgumentException("a stage spec needs a known stage and a role");
    }
    if (defaultDeadline == null || defaultDeadline.isZero() || defaultDeadline.isNegative()) {
      throw new IllegalArgumentException(stage + ": default deadline must be positive");
    }
    if (smallCallMicros < 0 || frontierOutputTokens < 0) {
      throw new IllegalArgumentException(stage + ": costs must not be negative");
    }
  }

  /** The stage's lower-case id, as used in topic names, settings keys and metrics. */
  public String id() {
    return stage.name().toLowerCase(Locale.ROOT);
  }

  /** True when a small-model worker serves the stage. */
  public boolean smallModel() {
    return role.smallModel();
  }
}
