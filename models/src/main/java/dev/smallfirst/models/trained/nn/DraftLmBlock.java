package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A small conditional language model over reply tokens: at every step the LSTM reads the token's
 * embedding concatenated with the embeddings of all condition tokens (intent, second intent,
 * sentiment, channel, which entities exist), so the condition never fades; a linear layer gives
 * next-token logits. Inputs: {@code tokens [batch, steps]} and {@code conditions [batch, c]} int64,
 * and optionally the LSTM state {@code h, c [1, batch, hidden]} to continue from; outputs: logits
 * {@code [batch, steps, vocab]} and the new state {@code h, c}.
 */
public final class DraftLmBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int dim;
  private final int hidden;
  private final int vocab;
  private final int conditionCount;
  private final float dropout;
  private final Parameter embedding;
  private final LSTM lstm;
  private final Linear output;

  /**
   * @param vocab vocabulary size
   * @param conditions number of condition tokens per input
   * @param dim embedding width
   * @param hidden LSTM state size
   * @param dropout dropout on inputs and outputs of the LSTM during training
   */
  public DraftLmBlock(int vocab, int conditions, int dim, int hidden, float dropout) {
    super(VERSION);
    this.vocab = vocab;
    this.conditionCount = conditions;
    this.dim = dim;
    this.hidden = hidden;
    this.dropout = dropout;
    this.embedding =
        addParameter(
            Parameters.weight("tokens", new Shape(vocab, dim), new NormalInitializer(0.1f)));
    this.lstm =
        addChildBlock(
            "lstm",
            LSTM.builder()
                .setStateSize(hidden)
                .setNumLayers(1)
                .optBatchFirst(true)
                .optReturnState(true)
                .build());
    this.output = addChildBlock("output", Linear.builder().setUnits(vocab).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.get(0);
    NDArray conditions = inputs.get(1);
    NDArray table = store.getValue(embedding, tokens.getDevice(), training);
    NDArray x = Embedding.embedding(tokens, table, SparseFormat.DENSE).singletonOrThrow();
    long batch = tokens.getShape().get(0);
    NDArray cond =
        Embedding.embedding(conditions, table, SparseFormat.DENSE)
            .singletonOrThrow()
            .reshape(batch, 1, (long) conditionCount * dim)
            .repeat(1, tokens.getShape().get(1));
    x = x.concat(cond, 2);
    if (training && dropout > 0) {
      x = Dropout.dropout(x, dropout, true).singletonOrThrow();
    }
    NDList in = inputs.size() == 4 ? new NDList(x, inputs.get(2), inputs.get(3)) : new NDList(x);
    NDList out = lstm.forward(store, in, training, params);
    NDArray h = out.get(0);
    if (training && dropout > 0) {
      h = Dropout.dropout(h, dropout, true).singletonOrThrow();
    }
    NDArray logits = output.forward(store, new NDList(h), training, params).head();
    return new NDList(logits, out.get(1), out.get(2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    Shape state = new Shape(1, in.get(0), hidden);
    return new Shape[] {new Shape(in.get(0), in.get(1), vocab), state, state};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    lstm.initialize(
        manager, dataType, new Shape(in.get(0), in.get(1), (1L + conditionCount) * dim));
    output.initialize(manager, dataType, new Shape(in.get(0), in.get(1), hidden));
  }

  /** Vocabulary size. */
  public int vocab() {
    return vocab;
  }
}
