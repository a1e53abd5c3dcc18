package dev.smallfirst.worker.batching;

import dev.smallfirst.models.StageOutcome;
import java.util.List;

/**
 * What an inference thread made of one batch. Immutable.
 *
 * @param outcomes one per input, in input order
 * @param startedNanos when the forward pass began (nano clock), for queue-wait accounting
 * @param inferenceNanos how long the batch took on the inference thread
 */
public record BatchOutcome(List<StageOutcome> outcomes, long startedNanos, long inferenceNanos) {
  public BatchOutcome {
    outcomes = List.copyOf(outcomes);
  }
}
