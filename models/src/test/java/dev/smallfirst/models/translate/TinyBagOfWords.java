package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A DJL block defined in Java, as our trainer's models are: embedding, masked mean pool, linear
 * head; {@code forward(input_ids, attention_mask) -> logits [batch, classes]}. Test fixture for the
 * DJL-parameters path.
 */
final class TinyBagOfWords extends AbstractBlock {
  private final Parameter embedding;
  private final Parameter weight;
  private final Parameter bias;
  private final int classes;

  TinyBagOfWords(int vocab, int hidden, int classes) {
    super((byte) 1);
    this.classes = classes;
    embedding =
        addParameter(
            Parameter.builder()
                .setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocab, hidden))
                .build());
    weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, hidden))
                .build());
    bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(classes))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(-1);
    NDArray x =
        Embedding.embedding(
                ids, store.getValue(embedding, ids.getDevice(), training), SparseFormat.DENSE)
            .singletonOrThrow();
    NDArray pooled = x.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
    return Linear.linear(
        pooled,
        store.getValue(weight, ids.getDevice(), training),
        store.getValue(bias, ids.getDevice(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }
}
