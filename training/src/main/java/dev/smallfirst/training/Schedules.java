package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The learning-rate schedule and training configuration every trainer uses: a linear warm-up over
 * at most one epoch (a tenth of the run), then a linear decay to {@code floor} times the rate; Adam
 * on softmax cross-entropy. Immutable.
 *
 * @param stepsPerEpoch batches per epoch
 * @param totalSteps batches in the whole run
 * @param learningRate the peak rate
 * @param floor the lowest fraction of the peak the decay reaches
 */
record Schedules(int stepsPerEpoch, int totalSteps, float learningRate, float floor) {

  /** The schedule of {@code examples} in batches of {@code batchSize} for {@code epochs}. */
  static Schedules of(int examples, int batchSize, int epochs, float learningRate, float floor) {
    int stepsPerEpoch = (examples + batchSize - 1) / batchSize;
    return new Schedules(stepsPerEpoch, stepsPerEpoch * epochs, learningRate, floor);
  }

  /** The learning rate of each step. */
  Tracker tracker() {
    int warmup = Math.max(1, Math.min(stepsPerEpoch, totalSteps / 10));
    return step ->
        step < warmup
            ? learningRate * (step + 1) / warmup
            : learningRate * Math.max(floor, (float) (totalSteps - step) / (totalSteps - warmup));
  }

  /** Adam with this schedule, gradients clipped at {@code clipGrad} (none when not positive). */
  DefaultTrainingConfig config(Device device, float clipGrad) {
    Adam.Builder adam = Optimizer.adam().optLearningRateTracker(tracker());
    if (clipGrad > 0) {
      adam.optClipGrad(clipGrad);
    }
    return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optDevices(new Device[] {device})
        .optOptimizer(adam.build());
  }
}
