package dev.smallfirst.models;

import java.util.List;

/**
 * One inference thread's handle on a {@link StageModel} (for DJL models: one {@code Predictor}).
 * Not thread-safe: each inference thread opens its own and closes it when it stops.
 */
public interface InferenceSession extends AutoCloseable {

  /**
   * Answers {@code batch}: one outcome per input, in input order. Problems of one input (too long,
   * say) are {@link StageOutcome.Failed} values in its slot.
   *
   * @throws InferenceException when the batch as a whole could not be run
   */
  List<StageOutcome> predict(List<StageInput> batch) throws InferenceException;

  @Override
  void close();
}
