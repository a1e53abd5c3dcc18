package dev.smallfirst.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.smallfirst.models.encoder.EncoderHead;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Trains an {@link EncoderHead} with DJL on the PyTorch engine: rows of encoder features with one
 * class index each (a pooled embedding per text, or a token state per word piece), softmax
 * cross-entropy, Adam, seeded shuffles and seeded initialisation, so that a seed gives the same
 * head on the same data. With held-out rows it keeps the epoch that scores best on them. Not
 * thread-safe.
 */
final class HeadTrainer {
  /** Epochs without a better held-out score before training stops. */
  static final int PATIENCE = 5;

  /**
   * Hyperparameters.
   *
   * @param hidden hidden units (0: a linear head)
   * @param epochs most passes over the rows
   * @param batchSize rows per step
   * @param learningRate Adam's learning rate
   * @param dropout dropout after the hidden layer
   * @param weightDecay Adam's weight decay
   *     <p>With held-out rows, training stops after {@link #PATIENCE} epochs without a better
   *     score.
   */
  record Hyper(
      int hidden, int epochs, int batchSize, float learningRate, float dropout, float weightDecay) {
    static Hyper classifierDefaults() {
      return new Hyper(256, 30, 64, 2e-3f, 0.1f, 0f);
    }

    static Hyper taggerDefaults() {
      return new Hyper(0, 12, 128, 3e-3f, 0f, 0f);
    }
  }

  /** A trained head's parameters and the epochs it took. */
  record Trained(EncoderHead.Layout layout, byte[] parameters, int epochs, double heldOutScore) {
    /** Writes the parameters to {@code file}. */
    void save(Path file) throws IOException {
      Files.write(file, parameters);
    }

    /** Loads the parameters as a servable head (the caller closes it). */
    EncoderHead load(Path scratch) throws IOException {
      save(scratch);
      try {
        return EncoderHead.load(layout, scratch);
      } catch (MalformedModelException e) {
        throw new IOException(e);
      }
    }
  }

  /**
   * Trains on {@code features}/{@code labels}. With held-out rows, each epoch is scored by {@code
   * score} (the head's logits of the held-out rows in, higher is better) and the best is kept;
   * without, all {@code epochs} run.
   */
  static Trained train(
      float[][] features,
      int[] labels,
      int outputs,
      Hyper h,
      long seed,
      float[][] heldOut,
      ToDoubleFunction<float[][]> score,
      ProgressBar bar) {
    int dim = features[0].length;
    EncoderHead.Layout layout = new EncoderHead.Layout(dim, h.hidden(), outputs, h.dropout());
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) seed);
    Random random = new Random(seed);
    Block block = EncoderHead.newBlock(layout);
    try (Model model = Model.newInstance("head", "PyTorch")) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(h.learningRate()))
                      .optWeightDecays(h.weightDecay())
                      .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, dim));
        NDManager manager = trainer.getManager();
        int n = features.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        byte[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int steps = (n + h.batchSize() - 1) / h.batchSize();
        for (int epoch = 1; epoch <= h.epochs(); epoch++) {
          shuffle(order, random);
          double lossSum = 0;
          for (int s = 0; s < steps; s++) {
            int from = s * h.batchSize();
            int to = Math.min(n, from + h.batchSize());
            float[] x = new float[(to - from) * dim];
            float[] y = new float[to - from];
            for (int k = from; k < to; k++) {
              System.arraycopy(features[order[k]], 0, x, (k - from) * dim, dim);
              y[k - from] = labels[order[k]];
            }
            try (NDManager step = manager.newSubManager();
                GradientCollector gc = trainer.newGradientCollector()) {
              NDArray xs = step.create(x, new Shape(to - from, dim));
              NDArray ys = step.create(y, new Shape(to - from));
              NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
              NDArray loss = trainer.getLoss().evaluate(new NDList(ys), new NDList(logits));
              gc.backward(loss);
              lossSum += loss.getFloat();
            }
            trainer.step();
          }
          if (bar != null) {
            bar.onEpoch(epoch, h.epochs(), lossSum / steps);
          }
          if (heldOut != null && heldOut.length > 0) {
            double sc = score.applyAsDouble(logits(block, manager, heldOut, dim));
            if (sc > bestScore) {
              bestScore = sc;
              bestEpoch = epoch;
              best = parameters(block);
            }
            if (bar != null) {
              bar.onScore(epoch, sc);
            }
            if (epoch - bestEpoch >= PATIENCE) {
              break;
            }
          }
        }
        if (best == null) {
          best = parameters(block);
          bestEpoch = h.epochs();
          bestScore = Double.NaN;
        }
        return new Trained(layout, best, bestEpoch, bestScore);
      }
    }
  }

  /** Logits of {@code rows} in inference mode. */
  static float[][] logits(Block block, NDManager manager, float[][] rows, int dim) {
    float[][] out = new float[rows.length][];
    int chunk = 1024;
    for (int from = 0; from < rows.length; from += chunk) {
      int to = Math.min(rows.length, from + chunk);
      float[] x = new float[(to - from) * dim];
      for (int k = from; k < to; k++) {
        System.arraycopy(rows[k], 0, x, (k - from) * dim, dim);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray r =
            block
                .forward(
                    new ai.djl.training.ParameterStore(scope, false),
                    new NDList(scope.create(x, new Shape(to - from, dim))),
                    false)
                .singletonOrThrow();
        float[] flat = r.toFloatArray();
        int k = (int) r.getShape().get(1);
        for (int i = from; i < to; i++) {
          out[i] = java.util.Arrays.copyOfRange(flat, (i - from) * k, (i - from + 1) * k);
        }
      }
    }
    return out;
  }

  private static byte[] parameters(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
