package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * An ensemble of bag-of-n-grams classifiers in one block. Each member multiplies the sparse TF-IDF
 * vector by its own learned feature embedding (the sparse first layer), applies ReLU and dropout,
 * and maps to class logits; the ensemble's output is the mean of the members' log probabilities,
 * renormalized.
 *
 * <p>All members' embeddings live in one {@code [features, members * hidden]} table, so one lookup
 * serves them all. Inputs: {@code ids} {@code [batch, n]} int64 feature ids (0 = padding) and
 * {@code weights} {@code [batch, n]} float32; or, during training, the one array of hidden
 * pre-activations {@code [batch, members * hidden]} that the trainer's sparse layer computed.
 * Outputs: {@code [batch, classes]} ensemble log-probabilities and {@code [members, batch,
 * classes]} member logits (for the training loss). Inference through one DJL {@code Predictor} per
 * thread.
 */
public final class BagClassifierBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int hidden;
  private final int members;
  private final int linearMembers;
  private final int classes;
  private final float dropout;
  private final Parameter embedding;
  private final Parameter hiddenBias;
  private final Parameter headWeight;
  private final Parameter headBias;

  /**
   * @param features rows of the feature embedding (vocabulary size including padding)
   * @param hidden hidden width of each member
   * @param members number of ensemble members with a hidden layer
   * @param linearMembers number of linear members (TF-IDF logistic regressions)
   * @param classes number of output classes
   * @param dropout drop rate on the hidden layer during training
   */
  public BagClassifierBlock(
      int features, int hidden, int members, int linearMembers, int classes, float dropout) {
    super(VERSION);
    if (members < 1 || linearMembers < 0 || hidden < 1 || classes < 2 || features < 1) {
      throw new IllegalArgumentException(
          "invalid bag classifier: features="
              + features
              + " hidden="
              + hidden
              + " members="
              + members
              + " linearMembers="
              + linearMembers
              + " classes="
              + classes);
    }
    this.hidden = hidden;
    this.members = members;
    this.linearMembers = linearMembers;
    this.classes = classes;
    this.dropout = dropout;
    this.embedding =
        addParameter(
            Parameters.weight(
                "features", new Shape(features, width()), new NormalInitializer(0.05f)));
    this.hiddenBias = addParameter(Parameters.bias("hiddenBias", new Shape(width())));
    this.headWeight =
        addParameter(
            Parameters.weight(
                "headWeight", new Shape(members, hidden, classes), new XavierInitializer()));
    this.headBias = addParameter(Parameters.bias("headBias", new Shape(members, 1, classes)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray pre;
    var device = inputs.head().getDevice();
    if (inputs.size() == 1) {
      pre = inputs.get(0); // computed by the trainer's sparse layer
    } else {
      NDArray ids = inputs.get(0);
      NDArray weights = inputs.get(1);
      NDArray table = store.getValue(embedding, device, training);
      NDArray rows = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
      pre = weights.expandDims(1).batchMatMul(rows).squeeze(1);
      pre = pre.add(store.getValue(hiddenBias, device, training));
    }
    long batch = pre.getShape().get(0);
    long deep = (long) members * hidden;
    NDArray h = Activation.relu(pre.get(":, 0:" + deep));
    h = h.reshape(batch, members, hidden).transpose(1, 0, 2);
    if (training && dropout > 0) {
      h = Dropout.dropout(h, dropout, true).singletonOrThrow();
    }
    NDArray logits =
        h.batchMatMul(store.getValue(headWeight, device, training))
            .add(store.getValue(headBias, device, training));
    if (linearMembers > 0) {
      NDArray wide =
          pre.get(":, " + deep + ":").reshape(batch, linearMembers, classes).transpose(1, 0, 2);
      logits = logits.concat(wide, 0);
    }
    NDArray ensemble = logits.logSoftmax(2).mean(new int[] {0}).logSoftmax(1);
    return new NDList(ensemble, logits);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long batch = inputShapes[0].get(0);
    return new Shape[] {
      new Shape(batch, classes), new Shape(members + linearMembers, batch, classes)
    };
  }

  /** Columns of the feature embedding: every member's hidden units, then linear members' logits. */
  public long width() {
    return (long) members * hidden + (long) linearMembers * classes;
  }

  /** The {@code [features, members * hidden]} feature embedding (the sparse first layer). */
  public Parameter embedding() {
    return embedding;
  }

  /** The {@code [members * hidden]} bias of the first layer. */
  public Parameter hiddenBias() {
    return hiddenBias;
  }
}
