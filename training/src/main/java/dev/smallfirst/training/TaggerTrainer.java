package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import dev.smallfirst.models.text.TokenFeaturizer;
import dev.smallfirst.models.text.WordTokenizer;
import dev.smallfirst.models.trained.SpanDecoder;
import dev.smallfirst.models.trained.nn.TaggerBlock;
import dev.smallfirst.models.trained.nn.TaggerTranslator;
import dev.smallfirst.training.data.SpanExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link TaggerBlock} on span-annotated texts: BIO tags per token, Adam with warm-up and
 * linear decay, word dropout, gradient clipping, early stopping on held-out span F1 with the best
 * epoch's weights restored. Deterministic for a seed. Not thread-safe.
 */
public final class TaggerTrainer {

  /**
   * Hyperparameters.
   *
   * @param dim token embedding width
   * @param hidden LSTM state size per direction
   * @param epochs maximum epochs (sets the learning-rate schedule)
   * @param batchSize sentences per step
   * @param learningRate peak Adam learning rate
   * @param dropout dropout on embeddings and LSTM outputs
   * @param wordDropout probability of replacing a word by the unknown id in training
   */
  public record Hyper(
      int dim,
      int hidden,
      int epochs,
      int batchSize,
      float learningRate,
      float dropout,
      float wordDropout) {
    public static Hyper defaults() {
      return new Hyper(96, 128, 12, 32, 3e-3f, 0.3f, 0.1f);
    }

    public Hyper withEpochs(int e) {
      return new Hyper(dim, hidden, e, batchSize, learningRate, dropout, wordDropout);
    }
  }

  /** A trained tagger still attached to its model; close to free native memory. */
  public record Trained(
      TokenFeaturizer featurizer, List<String> labels, Model model, TaggerBlock block, int epochs)
      implements AutoCloseable {

    /** Tag logits per token of each text (uncalibrated), {@code [texts][tokens][tags]}. */
    public List<float[][]> logits(List<String> texts) {
      List<float[][]> out = new ArrayList<>(texts.size());
      try (NDManager m = model.getNDManager().newSubManager()) {
        var store = new ai.djl.training.ParameterStore(m, false);
        for (int from = 0; from < texts.size(); from += 256) {
          List<TokenFeaturizer.Encoded> enc = new ArrayList<>();
          for (String t : texts.subList(from, Math.min(texts.size(), from + 256))) {
            enc.add(featurizer.encode(t));
          }
          try (NDManager b = m.newSubManager()) {
            NDArray logits =
                block.forward(store, TaggerTranslator.batch(b, enc, null, 0), false).head();
            out.addAll(unpad(logits, enc));
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

  /** Scores a set of per-text tag logits (higher is better), for early stopping. */
  @FunctionalInterface
  public interface Scorer {
    double score(List<float[][]> logits);
  }

  private final Device device;

  public TaggerTrainer(Device device) {
    this.device = device;
  }

  /** The label list (sorted) of {@code data}. */
  public static List<String> labels(List<SpanExample> data) {
    return data.stream()
        .flatMap(e -> e.spans().stream())
        .map(SpanExample.GoldSpan::label)
        .distinct()
        .sorted()
        .toList();
  }

  /** Gold BIO tags of each token of {@code e}. */
  public static int[] tags(SpanExample e, List<WordTokenizer.Token> tokens, List<String> labels) {
    int[] tags = new int[tokens.size()];
    for (SpanExample.GoldSpan s : e.spans()) {
      int label = labels.indexOf(s.label());
      if (label < 0) {
        continue;
      }
      List<Integer> covered = new ArrayList<>();
      for (int i = 0; i < tokens.size(); i++) {
        WordTokenizer.Token t = tokens.get(i);
        if (t.end() > s.start() && t.start() < s.end()) {
          covered.add(i);
        }
      }
      if (covered.stream().anyMatch(i -> tags[i] != 0)) {
        continue; // overlaps an earlier span: BIO tags can hold only one
      }
      for (int k = 0; k < covered.size(); k++) {
        tags[covered.get(k)] = k == 0 ? SpanDecoder.begin(label) : SpanDecoder.inside(label);
      }
    }
    return tags;
  }

  /**
   * Trains; with {@code scorer}, scores {@code heldOut} after every epoch, stops after {@code
   * PATIENCE} epochs without improvement and restores the best epoch; without, trains {@code
   * stopAfter} epochs.
   */
  public Trained train(
      List<SpanExample> data,
      List<String> labels,
      Hyper h,
      long seed,
      TrainingListener listener,
      List<String> heldOut,
      Scorer scorer,
      int stopAfter) {
    Engine.getInstance().setRandomSeed((int) seed);
    TokenFeaturizer featurizer =
        TokenFeaturizer.fit(data.stream().map(SpanExample::text).toList(), 1);
    List<TokenFeaturizer.Encoded> rows = new ArrayList<>();
    List<int[]> gold = new ArrayList<>();
    for (SpanExample e : data) {
      TokenFeaturizer.Encoded enc = featurizer.encode(e.text());
      rows.add(enc);
      gold.add(tags(e, enc.tokens(), labels));
    }
    int tagCount = 1 + 2 * labels.size();
    TaggerBlock block =
        new TaggerBlock(
            featurizer.wordCount(),
            featurizer.pieceCount(),
            TokenFeaturizer.SHAPES,
            h.dim(),
            h.hidden(),
            tagCount,
            h.dropout());
    Model model = TrainerSteps.model("bio-tagger", block, device);
    Schedules schedule =
        Schedules.of(rows.size(), h.batchSize(), h.epochs(), h.learningRate(), 0.02f);
    int totalSteps = schedule.totalSteps();
    var config = schedule.config(device, 5f);
    Random random = new Random(seed);
    int epochs = scorer == null ? Math.min(stopAfter, h.epochs()) : h.epochs();
    EarlyStopping stopping = new EarlyStopping(PATIENCE, epochs, false);
    try (Trainer trainer = new Trainer(model, config)) {
      trainer.initialize(new Shape(1, 1), new Shape(1, 1, 1), new Shape(1, 1));
      Integer[] order = new Integer[rows.size()];
      Arrays.setAll(order, i -> i);
      int step = 0;
      List<float[]> best = null;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < order.length; from += h.batchSize()) {
          int to = Math.min(order.length, from + h.batchSize());
          List<TokenFeaturizer.Encoded> batch = new ArrayList<>();
          List<int[]> batchTags = new ArrayList<>();
          for (int k = from; k < to; k++) {
            batch.add(rows.get(order[k]));
            batchTags.add(gold.get(order[k]));
          }
          lossSum +=
              TrainerSteps.step(
                  trainer,
                  m -> {
                    NDList input = TaggerTranslator.batch(m, batch, random, h.wordDropout());
                    NDArray logits = trainer.forward(input).head();
                    return maskedLoss(m, logits, batchTags, tagCount);
                  });
          batches++;
          step++;
          listener.onStep(step, totalSteps);
        }
        listener.onEpoch(epoch, epochs, lossSum / batches);
        if (scorer != null) {
          Trained current = new Trained(featurizer, labels, model, block, epoch);
          double score = scorer.score(current.logits(heldOut));
          listener.onScore(epoch, score);
          if (stopping.improved(epoch, score)) {
            best = TrainerSteps.snapshot(block);
          } else if (stopping.exhausted(epoch)) {
            break;
          }
        }
      }
      if (best != null) {
        TrainerSteps.restore(block, best);
      }
    }
    return new Trained(featurizer, labels, model, block, stopping.bestEpoch());
  }

  /** Epochs without improvement before stopping. */
  static final int PATIENCE = 3;

  private static NDArray maskedLoss(NDManager m, NDArray logits, List<int[]> tags, int tagCount) {
    int b = (int) logits.getShape().get(0);
    int t = (int) logits.getShape().get(1);
    int[] y = new int[b * t];
    float[] mask = new float[b * t];
    for (int r = 0; r < b; r++) {
      int[] g = tags.get(r);
      for (int i = 0; i < g.length; i++) {
        y[r * t + i] = g[i];
        mask[r * t + i] = 1f;
      }
    }
    NDArray target = m.create(y, new Shape(b, t)).oneHot(tagCount);
    NDArray nll = logits.logSoftmax(2).mul(target).sum(new int[] {2}).neg();
    NDArray maskArr = m.create(mask, new Shape(b, t));
    return nll.mul(maskArr).sum().div(maskArr.sum().maximum(1f));
  }

  static List<float[][]> unpad(NDArray logits, List<TokenFeaturizer.Encoded> enc) {
    long width = logits.getShape().get(1);
    int tags = (int) logits.getShape().get(2);
    float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
    List<float[][]> out = new ArrayList<>();
    for (int r = 0; r < enc.size(); r++) {
      int n = enc.get(r).words().length;
      float[][] rows = new float[n][tags];
      for (int i = 0; i < n; i++) {
        System.arraycopy(flat, (int) ((r * width + i) * tags), rows[i], 0, tags);
      }
      out.add(rows);
    }
    return out;
  }

  private static void shuffle(Integer[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
