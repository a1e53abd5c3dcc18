package dev.smallfirst.training;

/** Receives training progress: after every optimizer step and after every epoch. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** After optimizer step {@code step} (1-based) of {@code totalSteps}. */
  default void onStep(int step, int totalSteps) {}

  /** After epoch {@code epoch} (1-based) with its mean training loss. */
  default void onEpoch(int epoch, int epochs, double meanLoss) {}

  /** After epoch {@code epoch} was scored on held-out data (higher is better). */
  default void onScore(int epoch, double score) {}
}
