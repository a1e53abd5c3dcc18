package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import dev.smallfirst.models.text.ReplyVocabulary;
import dev.smallfirst.models.trained.nn.DraftLmBlock;
import dev.smallfirst.training.data.DraftExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the draft language model on (input, reference) pairs: condition prefix then the
 * delexicalized reference, next-token cross-entropy on the reply tokens only, Adam with gradient
 * clipping, early stopping on held-out loss. Deterministic for a seed. Not thread-safe.
 */
public final class DraftTrainer {

  /** Hyperparameters. */
  public record Hyper(
      int dim, int hidden, int epochs, int batchSize, float learningRate, float dropout) {
    public static Hyper defaults() {
      return new Hyper(64, 192, 15, 32, 4e-3f, 0.2f);
    }
  }

  /** A trained model with its vocabulary; close to free native memory. */
  public record Trained(ReplyVocabulary vocabulary, Model model, DraftLmBlock block, int epochs)
      implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  private final Device device;

  public DraftTrainer(Device device) {
    this.device = device;
  }

  /**
   * Trains on {@code data}; with a non-empty {@code heldOut}, stops after {@link #PATIENCE} epochs
   * without a lower held-out loss and restores the best epoch; otherwise trains {@code stopAfter}
   * epochs.
   */
  public Trained train(
      List<DraftExample> data,
      ReplyVocabulary vocabulary,
      Hyper h,
      long seed,
      TrainingListener listener,
      List<DraftExample> heldOut,
      int stopAfter) {
    Engine.getInstance().setRandomSeed((int) seed);
    List<int[]> seqs = sequences(data, vocabulary);
    List<int[]> held = sequences(heldOut, vocabulary);
    List<int[]> conds = conditions(data, vocabulary);
    List<int[]> heldConds = conditions(heldOut, vocabulary);
    DraftLmBlock block =
        new DraftLmBlock(
            vocabulary.size(), ReplyVocabulary.CONDITIONS, h.dim(), h.hidden(), h.dropout());
    Model model = TrainerSteps.model("draft-lm", block, device);
    Schedules schedule =
        Schedules.of(seqs.size(), h.batchSize(), h.epochs(), h.learningRate(), 0.05f);
    int totalSteps = schedule.totalSteps();
    var config = schedule.config(device, 5f);
    Random random = new Random(seed);
    boolean early = !held.isEmpty();
    int epochs = early ? h.epochs() : Math.min(stopAfter, h.epochs());
    EarlyStopping stopping = new EarlyStopping(PATIENCE, epochs, false);
    try (Trainer trainer = new Trainer(model, config)) {
      trainer.initialize(new Shape(1, 1), new Shape(1, conds.get(0).length));
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < seqs.size(); i++) {
        order.add(i);
      }
      int step = 0;
      List<float[]> snapshot = null;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        java.util.Collections.shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < order.size(); from += h.batchSize()) {
          List<int[]> batch = new ArrayList<>();
          List<int[]> batchConds = new ArrayList<>();
          for (int k = from; k < Math.min(order.size(), from + h.batchSize()); k++) {
            batch.add(seqs.get(order.get(k)));
            batchConds.add(conds.get(order.get(k)));
          }
          lossSum +=
              TrainerSteps.step(
                  trainer,
                  m ->
                      loss(
                          m,
                          batch,
                          batchConds,
                          vocabulary.size(),
                          (in) -> trainer.forward(in).head()));
          batches++;
          step++;
          listener.onStep(step, totalSteps);
        }
        listener.onEpoch(epoch, epochs, lossSum / batches);
        if (early) {
          double heldLoss = heldOutLoss(trainer, held, heldConds, vocabulary.size(), h.batchSize());
          listener.onScore(epoch, -heldLoss);
          if (stopping.improved(epoch, -heldLoss)) {
            snapshot = TrainerSteps.snapshot(block);
          } else if (stopping.exhausted(epoch)) {
            break;
          }
        }
      }
      if (snapshot != null) {
        TrainerSteps.restore(block, snapshot);
      }
    }
    return new Trained(vocabulary, model, block, stopping.bestEpoch());
  }

  /** Epochs without improvement before stopping. */
  static final int PATIENCE = 2;

  private static List<int[]> sequences(List<DraftExample> data, ReplyVocabulary v) {
    List<int[]> out = new ArrayList<>();
    for (DraftExample e : data) {
      out.add(v.target(e.reference(), e.input()));
    }
    return out;
  }

  private static List<int[]> conditions(List<DraftExample> data, ReplyVocabulary v) {
    List<int[]> out = new ArrayList<>();
    for (DraftExample e : data) {
      out.add(v.conditionIds(e.input()));
    }
    return out;
  }

  private static NDArray loss(
      NDManager m,
      List<int[]> batch,
      List<int[]> conds,
      int vocab,
      java.util.function.Function<ai.djl.ndarray.NDList, NDArray> forward) {
    int longest = 0;
    for (int[] s : batch) {
      longest = Math.max(longest, s.length);
    }
    int steps = longest - 1;
    int b = batch.size();
    long[] in = new long[b * steps];
    int[] out = new int[b * steps];
    float[] mask = new float[b * steps];
    for (int r = 0; r < b; r++) {
      int[] s = batch.get(r);
      for (int i = 0; i < s.length - 1; i++) {
        in[r * steps + i] = s[i];
        out[r * steps + i] = s[i + 1];
        mask[r * steps + i] = 1f;
      }
    }
    int c = conds.get(0).length;
    long[] cond = new long[b * c];
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < c; i++) {
        cond[r * c + i] = conds.get(r)[i];
      }
    }
    NDArray logits =
        forward.apply(
            new ai.djl.ndarray.NDList(
                m.create(in, new Shape(b, steps)), m.create(cond, new Shape(b, c))));
    NDArray target = m.create(out, new Shape(b, steps)).oneHot(vocab);
    NDArray nll = logits.logSoftmax(2).mul(target).sum(new int[] {2}).neg();
    NDArray maskArr = m.create(mask, new Shape(b, steps));
    return nll.mul(maskArr).sum().div(maskArr.sum().maximum(1f));
  }

  private static double heldOutLoss(
      Trainer trainer, List<int[]> held, List<int[]> conds, int vocab, int batchSize) {
    double sum = 0;
    int n = 0;
    for (int from = 0; from < held.size(); from += batchSize) {
      List<int[]> batch = held.subList(from, Math.min(held.size(), from + batchSize));
      List<int[]> bc = conds.subList(from, Math.min(held.size(), from + batchSize));
      try (NDManager m = trainer.getManager().newSubManager()) {
        sum +=
            loss(m, batch, bc, vocab, in -> trainer.evaluate(in).head()).getFloat() * batch.size();
        n += batch.size();
      }
    }
    return sum / Math.max(1, n);
  }

  static ParameterStore inferenceStore(NDManager m) {
    return new ParameterStore(m, false);
  }
}
