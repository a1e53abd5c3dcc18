package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding with a {@link DraftLmBlock} for inference: starts from the begin token, then
 * emits the most probable allowed token step by step, carrying the LSTM state, until every row has
 * produced the end token or {@code maxTokens} steps have run. Inputs: {@code conditions [batch, c]}
 * int64 and {@code forbidden [batch, vocab]} float (1 where a token must not be produced). Outputs:
 * {@code tokens [batch, steps]} int64 and their probabilities.
 */
public final class GreedyDraftBlock extends AbstractBlock {

  private final DraftLmBlock lm;
  private final int maxTokens;
  private final int bos;
  private final int eos;

  public GreedyDraftBlock(DraftLmBlock lm, int maxTokens, int bos, int eos) {
    this.lm = addChildBlock("lm", lm);
    this.maxTokens = maxTokens;
    this.bos = bos;
    this.eos = eos;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray conditions = inputs.get(0);
    NDArray penalty = inputs.get(1).mul(-1e9f);
    long b = conditions.getShape().get(0);
    NDArray start = conditions.getManager().full(new Shape(b, 1), bos, DataType.INT64);
    NDList out = lm.forward(store, new NDList(start, conditions), false, params);
    NDArray last = out.get(0).squeeze(1);
    NDArray h = out.get(1);
    NDArray c = out.get(2);
    List<NDArray> tokens = new ArrayList<>();
    List<NDArray> probs = new ArrayList<>();
    NDArray done = null;
    for (int step = 0; step < maxTokens; step++) {
      NDArray dist = last.add(penalty).softmax(1);
      NDArray next = dist.argMax(1);
      tokens.add(next);
      probs.add(dist.max(new int[] {1}));
      NDArray ended = next.eq(eos);
      done = done == null ? ended : done.logicalOr(ended);
      if (done.all().getBoolean()) {
        break;
      }
      NDList o = lm.forward(store, new NDList(next.expandDims(1), conditions, h, c), false, params);
      last = o.get(0).squeeze(1);
      h = o.get(1);
      c = o.get(2);
    }
    return new NDList(
        NDArrays.stack(new NDList(tokens), 1).toType(DataType.INT64, false),
        NDArrays.stack(new NDList(probs), 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b, maxTokens), new Shape(b, maxTokens)};
  }
}
