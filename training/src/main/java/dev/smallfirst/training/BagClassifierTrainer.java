package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.trained.nn.BagClassifierBlock;
import dev.smallfirst.models.trained.nn.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link BagClassifierBlock} on labeled texts: TF-IDF n-gram features, Adam with a
 * linear-decay learning rate, feature dropout on the input, label smoothing. Deterministic for a
 * seed on one device and thread count. Not thread-safe; one training at a time per instance.
 */
public final class BagClassifierTrainer {

  /**
   * Hyperparameters of one training run.
   *
   * @param hidden hidden layer width of one ensemble member
   * @param members ensemble members with a hidden layer, trained side by side
   * @param linearMembers linear ensemble members (logistic regression on the same features)
   * @param epochs passes over the training data
   * @param batchSize examples per optimizer step
   * @param learningRate peak Adam learning rate
   * @param dropout hidden-layer dropout
   * @param featureDropout probability of dropping each input feature of a training example
   * @param labelSmoothing label smoothing of the cross-entropy
   * @param sparseOptimizer {@code adam} or {@code sgd} for the sparse first layer
   * @param sparseLearningRate peak learning rate of the sparse first layer
   * @param weightDecay lazy decoupled weight decay of the sparse first layer (0 = none)
   * @param featurizer n-gram extraction settings
   */
  public record Hyper(
      int hidden,
      int members,
      int linearMembers,
      int epochs,
      int batchSize,
      float learningRate,
      float dropout,
      float featureDropout,
      float labelSmoothing,
      String sparseOptimizer,
      float sparseLearningRate,
      float weightDecay,
      NgramFeaturizer.Config featurizer) {

    public Hyper {
      if (!sparseOptimizer.equals("adam") && !sparseOptimizer.equals("sgd")) {
        throw new IllegalArgumentException(
            "sparseOptimizer must be adam or sgd, got '" + sparseOptimizer + "'");
      }
    }

    /**
     * Defaults for intents (classify), chosen on held-out splits of BANKING77 and CLINC150: Adam
     * everywhere, early stopping.
     */
    public static Hyper defaults() {
      return new Hyper(
          256,
          4,
          0,
          10,
          32,
          2e-3f,
          0.3f,
          0.2f,
          0.0f,
          "adam",
          2e-3f,
          0f,
          NgramFeaturizer.Config.defaults());
    }

    /**
     * Defaults for sentiment, chosen on a held-out split of the airline tweets: at the intent
     * learning rate the sparse layer memorizes the noisy tweets within one epoch (Adam moves a rare
     * n-gram as fast as a frequent one), so sentiment learns 7x slower and early stopping finds the
     * point before memorization.
     */
    public static Hyper sentimentDefaults() {
      Hyper d = defaults();
      return new Hyper(
          d.hidden,
          d.members,
          d.linearMembers,
          d.epochs,
          d.batchSize,
          SENTIMENT_RATE,
          d.dropout,
          d.featureDropout,
          d.labelSmoothing,
          "adam",
          SENTIMENT_RATE,
          d.weightDecay,
          d.featurizer);
    }

    public Hyper withEpochs(int e) {
      return new Hyper(
          hidden,
          members,
          linearMembers,
          e,
          batchSize,
          learningRate,
          dropout,
          featureDropout,
          labelSmoothing,
          sparseOptimizer,
          sparseLearningRate,
          weightDecay,
          featurizer);
    }
  }

  /** Peak learning rate for sentiment. */
  static final float SENTIMENT_RATE = 3e-4f;

  /** A trained classifier still attached to its DJL model; close it to free native memory. */
  public record Trained(
      NgramFeaturizer featurizer,
      List<String> labels,
      Model model,
      BagClassifierBlock block,
      int epochs)
      implements AutoCloseable {

    /** Raw logits for {@code texts}, {@code [texts.size()][labels.size()]}. */
    public float[][] logits(List<String> texts, int batchSize) {
      float[][] out = new float[texts.size()][];
      try (NDManager m = model.getNDManager().newSubManager()) {
        var store = new ai.djl.training.ParameterStore(m, false);
        for (int from = 0; from < texts.size(); from += batchSize) {
          int to = Math.min(texts.size(), from + batchSize);
          List<NgramFeaturizer.Features> rows = new ArrayList<>();
          for (String t : texts.subList(from, to)) {
            rows.add(featurizer.featurize(t));
          }
          try (NDManager b = m.newSubManager()) {
            NDArray logits = block.forward(store, Batches.bag(b, rows), false).get(0);
            float[] flat = logits.toFloatArray();
            int c = labels.size();
            for (int r = 0; r < to - from; r++) {
              out[from + r] = Arrays.copyOfRange(flat, r * c, (r + 1) * c);
            }
          }
        }
      }
      return out;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private final Device device;

  public BagClassifierTrainer(Device device) {
    this.device = device;
  }

  /**
   * Scores the model after an epoch (higher is better) on held-out data, for early stopping.
   * Receives class log-probabilities of the held-out texts, {@code [texts][classes]}.
   */
  @FunctionalInterface
  public interface EpochScorer {
    /** Held-out texts scored after every epoch. */
    double score(float[][] logProbs);
  }

  /**
   * Trains on {@code texts}/{@code targets}; labels are sorted for a stable class order.
   *
   * @param heldOut texts to score after each epoch (with {@code scorer}), or empty
   * @param scorer early-stopping score, or null to train exactly {@code stopAfter} epochs
   * @param stopAfter epochs to train when {@code scorer} is null (at most {@code h.epochs()}, which
   *     sets the learning-rate schedule)
   */
  public Trained train(
      List<String> texts,
      List<String> targets,
      Hyper h,
      long seed,
      TrainingListener listener,
      List<String> heldOut,
      EpochScorer scorer,
      int stopAfter) {
    Engine.getInstance().setRandomSeed((int) seed);
    List<String> labels = targets.stream().distinct().sorted().toList();
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    NgramFeaturizer featurizer = NgramFeaturizer.fit(texts, h.featurizer());
    List<NgramFeaturizer.Features> rows = new ArrayList<>(texts.size());
    for (String t : texts) {
      rows.add(featurizer.featurize(t));
    }
    List<NgramFeaturizer.Features> heldRows = new ArrayList<>(heldOut.size());
    for (String t : heldOut) {
      heldRows.add(featurizer.featurize(t));
    }
    int[] y = targets.stream().mapToInt(index::get).toArray();

    BagClassifierBlock block =
        new BagClassifierBlock(
            featurizer.dimension(),
            h.hidden(),
            h.members(),
            h.linearMembers(),
            labels.size(),
            h.dropout());
    Model model = TrainerSteps.model("bag-classifier", block, device);
    Schedules schedule =
        Schedules.of(texts.size(), h.batchSize(), h.epochs(), h.learningRate(), 0f);
    int totalSteps = schedule.totalSteps();
    var config = schedule.config(device, 0);
    Tracker lr = schedule.tracker();
    Random random = new Random(seed);
    SparseBagLayer sparse =
        new SparseBagLayer(featurizer.dimension(), (int) block.width(), 0.05f, random)
            .sgd(h.sparseOptimizer().equals("sgd"))
            .weightDecay(h.weightDecay());
    float sparseScale = h.sparseLearningRate() / h.learningRate();
    int epochs = scorer == null ? Math.min(stopAfter, h.epochs()) : h.epochs();
    EarlyStopping stopping = new EarlyStopping(PATIENCE, epochs, true);
    try (Trainer trainer = new Trainer(model, config)) {
      trainer.initialize(new Shape(1, 1), new Shape(1, 1));
      block.embedding().freeze(true);
      block.hiddenBias().freeze(true);
      int[] order = new int[texts.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      int step = 0;
      Snapshot best = null;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < order.length; from += h.batchSize()) {
          int to = Math.min(order.length, from + h.batchSize());
          List<NgramFeaturizer.Features> batch = new ArrayList<>(to - from);
          int[] labelsOfBatch = new int[to - from];
          for (int k = from; k < to; k++) {
            batch.add(dropFeatures(rows.get(order[k]), h.featureDropout(), random));
            labelsOfBatch[k - from] = y[order[k]];
          }
          float[] dh;
          try (NDManager m = trainer.getManager().newSubManager();
              GradientCollector gc = trainer.newGradientCollector()) {
            NDArray pre = m.create(sparse.forward(batch), new Shape(batch.size(), sparse.dim()));
            pre.setRequiresGradient(true);
            NDArray memberLogits = trainer.forward(new NDList(pre)).get(1);
            NDArray loss =
                smoothedCrossEntropy(memberLogits, m.create(labelsOfBatch), h.labelSmoothing());
            gc.backward(loss);
            lossSum += loss.getFloat() / (h.members() + h.linearMembers());
            dh = pre.getGradient().toFloatArray();
          }
          sparse.backward(batch, dh);
          sparse.step(lr.getNewValue(step) * sparseScale);
          trainer.step();
          batches++;
          step++;
          listener.onStep(step, totalSteps);
        }
        listener.onEpoch(epoch, epochs, lossSum / batches);
        sparse.catchUp(lr.getNewValue(step));
        if (scorer != null) {
          double score = scorer.score(logProbs(trainer, sparse, heldRows));
          listener.onScore(epoch, score);
          if (stopping.improved(epoch, score)) {
            best = Snapshot.of(sparse, block);
          } else if (stopping.exhausted(epoch)) {
            break;
          }
        }
      }
      if (best != null) {
        best.restore(sparse, block);
      }
      block.embedding().getArray().set(java.nio.FloatBuffer.wrap(sparse.table()));
      block.hiddenBias().getArray().set(java.nio.FloatBuffer.wrap(sparse.bias()));
    }
    return new Trained(featurizer, labels, model, block, stopping.bestEpoch());
  }

  /** Epochs without improvement of the held-out score before training stops. */
  static final int PATIENCE = 3;

  private static float[][] logProbs(
      Trainer trainer, SparseBagLayer sparse, List<NgramFeaturizer.Features> rows) {
    float[][] out = new float[rows.size()][];
    for (int from = 0; from < rows.size(); from += 512) {
      List<NgramFeaturizer.Features> part = rows.subList(from, Math.min(rows.size(), from + 512));
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray pre = m.create(sparse.forward(part), new Shape(part.size(), sparse.dim()));
        NDArray lp = trainer.evaluate(new NDList(pre)).get(0);
        int c = (int) lp.getShape().get(1);
        float[] flat = lp.toFloatArray();
        for (int r = 0; r < part.size(); r++) {
          out[from + r] = Arrays.copyOfRange(flat, r * c, (r + 1) * c);
        }
      }
    }
    return out;
  }

  /** A copy of every trainable value, to restore the best epoch after early stopping. */
  private record Snapshot(float[] table, float[] bias, List<float[]> head) {
    static Snapshot of(SparseBagLayer sparse, BagClassifierBlock block) {
      List<float[]> head = new ArrayList<>();
      for (var p : block.getParameters().values()) {
        if (p.requiresGradient()) {
          head.add(p.getArray().toFloatArray());
        }
      }
      return new Snapshot(sparse.table().clone(), sparse.bias().clone(), head);
    }

    void restore(SparseBagLayer sparse, BagClassifierBlock block) {
      System.arraycopy(table, 0, sparse.table(), 0, table.length);
      System.arraycopy(bias, 0, sparse.bias(), 0, bias.length);
      int i = 0;
      for (var p : block.getParameters().values()) {
        if (p.requiresGradient()) {
          p.getArray().set(java.nio.FloatBuffer.wrap(head.get(i++)));
        }
      }
    }
  }

  /** Cross-entropy of member logits {@code [members, batch, classes]}, summed over members. */
  static NDArray smoothedCrossEntropy(NDArray memberLogits, NDArray labels, float smoothing) {
    long classes = memberLogits.getShape().get(2);
    NDArray logp = memberLogits.logSoftmax(2);
    NDArray target = labels.toType(DataType.INT32, false).oneHot((int) classes);
    if (smoothing > 0) {
      target = target.mul(1 - smoothing).add(smoothing / classes);
    }
    return logp.mul(target).sum(new int[] {2}).mean(new int[] {1}).sum().neg();
  }

  private static NgramFeaturizer.Features dropFeatures(
      NgramFeaturizer.Features f, float rate, Random random) {
    if (rate <= 0 || f.size() == 0) {
      return f;
    }
    int[] ids = new int[f.size()];
    float[] w = new float[f.size()];
    int n = 0;
    for (int i = 0; i < f.size(); i++) {
      if (random.nextFloat() >= rate) {
        ids[n] = f.ids()[i];
        w[n] = f.weights()[i] / (1 - rate);
        n++;
      }
    }
    return new NgramFeaturizer.Features(Arrays.copyOf(ids, n), Arrays.copyOf(w, n));
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
