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
 * A BIO sequence tagger: each token is the sum of a word embedding, the mean of its character
 * n-gram embeddings and a shape embedding; a forward and a backward LSTM read the sequence (two
 * unidirectional LSTMs, because DJL's bidirectional LSTM crashes libtorch 2.7 on CPU), and a linear
 * layer scores the tags of every token.
 *
 * <p>Inputs: {@code words [batch, tokens]}, {@code pieces [batch, tokens, k]} and {@code shapes
 * [batch, tokens]} int64 ids, 0 = padding. Output: tag logits {@code [batch, tokens, tags]}.
 * Sequences are right-padded; the backward LSTM reads each row reversed, padding first, which costs
 * a little accuracy on the last tokens of short rows in a long batch and nothing else.
 */
public final class TaggerBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int dim;
  private final int hidden;
  private final int tags;
  private final float dropout;
  private final Parameter wordEmbedding;
  private final Parameter pieceEmbedding;
  private final Parameter shapeEmbedding;
  private final LSTM forwardLstm;
  private final LSTM backwardLstm;
  private final Linear output;

  public TaggerBlock(
      int words, int pieces, int shapes, int dim, int hidden, int tags, float dropout) {
    super(VERSION);
    this.dim = dim;
    this.hidden = hidden;
    this.tags = tags;
    this.dropout = dropout;
    this.wordEmbedding = addParameter(table("words", words, dim));
    this.pieceEmbedding = addParameter(table("pieces", pieces, dim));
    this.shapeEmbedding = addParameter(table("shapes", shapes, dim));
    this.forwardLstm = addChildBlock("forward", lstm(hidden));
    this.backwardLstm = addChildBlock("backward", lstm(hidden));
    this.output = addChildBlock("output", Linear.builder().setUnits(tags).build());
  }

  private static Parameter table(String name, int rows, int dim) {
    return Parameters.weight(name, new Shape(rows, dim), new NormalInitializer(0.1f));
  }

  private static LSTM lstm(int hidden) {
    return LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray words = inputs.get(0);
    NDArray pieces = inputs.get(1);
    NDArray shapes = inputs.get(2);
    var device = words.getDevice();
    NDArray w = lookup(words, store.getValue(wordEmbedding, device, training));
    NDArray p = lookup(pieces, store.getValue(pieceEmbedding, device, training)); // [b, t, k, d]
    NDArray pieceMask = pieces.gt(0).toType(DataType.FLOAT32, false).expandDims(3);
    NDArray count = pieceMask.sum(new int[] {2}).maximum(1f);
    NDArray pMean = p.mul(pieceMask).sum(new int[] {2}).div(count);
    NDArray s = lookup(shapes, store.getValue(shapeEmbedding, device, training));
    NDArray x = w.add(pMean).add(s);
    if (training && dropout > 0) {
      x = Dropout.dropout(x, dropout, true).singletonOrThrow();
    }
    NDArray fwd = forwardLstm.forward(store, new NDList(x), training, params).head();
    NDArray bwd =
        backwardLstm.forward(store, new NDList(x.flip(1)), training, params).head().flip(1);
    NDArray h = fwd.concat(bwd, 2);
    if (training && dropout > 0) {
      h = Dropout.dropout(h, dropout, true).singletonOrThrow();
    }
    return output.forward(store, new NDList(h), training, params);
  }

  private static NDArray lookup(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), tags)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    forwardLstm.initialize(manager, dataType, new Shape(in.get(0), in.get(1), dim));
    backwardLstm.initialize(manager, dataType, new Shape(in.get(0), in.get(1), dim));
    output.initialize(manager, dataType, new Shape(in.get(0), in.get(1), 2L * hidden));
  }
}
