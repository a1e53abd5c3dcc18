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

  /** How a session without state of its own answers a batch. */
  @FunctionalInterface
  interface BatchAnswer {
    /** One outcome per input, in input order. */
    List<StageOutcome> answer(List<StageInput> batch);
  }

  /**
   * A session that holds nothing itself (the model's state is shared and thread-safe) and answers
   * with {@code answer}; a {@link RuntimeException} of it fails the batch as an {@link
   * InferenceException} that says what was being done, e.g. {@code "drafting"}.
   */
  static InferenceSession stateless(String doing, BatchAnswer answer) {
    return new InferenceSession() {
      @Override
      public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
        try {
          return answer.answer(batch);
        } catch (RuntimeException e) {
          throw new InferenceException(doing + " " + batch.size() + " inputs failed: " + e, e);
        }
      }

      @Override
      public void close() {
        // Nothing per session.
      }
    };
  }
}
