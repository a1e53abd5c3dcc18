package dev.smallfirst.models.causallm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.smallfirst.models.causallm.CausalDecoder;

/**
 * One sequence of a TorchScript causal LM under the {@code causal-lm} contract {@code
 * forward(input_ids [1, T], attention_mask [1, P + T], past [L, 2, 1, H, P, D]) -> (logits [1, T,
 * V], present [L, 2, 1, H, P + T, D])}: it keeps {@code present} as the next call's {@code past}.
 * Every output's shape is checked, so a module that ignores or mangles its cache fails loudly. Not
 * thread-safe; one per sequence.
 */
final class TorchScriptSequence implements CausalDecoder.Sequence {
  private final Block block;
  private final NDManager manager;
  private final KvShape kv;
  private NDArray past;
  private long length;

  TorchScriptSequence(Block block, NDManager parent, KvShape kv) {
    this.block = block;
    this.manager = parent.newSubManager();
    this.kv = kv;
  }

  @Override
  public float[] feed(long[] tokens) {
    try (NDManager step = manager.newSubManager()) {
      NDArray ids = step.create(tokens, new Shape(1, tokens.length));
      NDArray mask = step.ones(new Shape(1, length + tokens.length), DataType.INT64);
      NDArray cache = past == null ? step.zeros(kv.stacked(0), DataType.FLOAT32) : past;
      NDList out =
          block.forward(new ParameterStore(step, false), new NDList(ids, mask, cache), false);
      if (out.size() < 2) {
        throw contract("it returned " + out.size() + " output(s), not (logits, present)");
      }
      NDArray logits = out.get(0);
      Shape ls = logits.getShape();
      if (ls.dimension() != 3 || ls.get(0) != 1 || ls.get(1) != tokens.length) {
        throw contract("logits must be [1, " + tokens.length + ", vocabulary], got " + ls);
      }
      NDArray present = out.get(1);
      Shape expected = kv.stacked(length + tokens.length);
      if (!present.getShape().equals(expected)) {
        throw contract(
            "present must be "
                + expected
                + " (kvCache of the manifest), got "
                + present.getShape());
      }
      float[] last =
          logits.get(0, tokens.length - 1).toType(DataType.FLOAT32, false).toFloatArray();
      present.attach(manager);
      if (past != null) {
        past.close();
      }
      past = present;
      length += tokens.length;
      return last;
    }
  }

  private static IllegalStateException contract(String problem) {
    return new IllegalStateException(
        "the module breaks the causal-lm contract forward(input_ids, attention_mask, past) ->"
            + " (logits, present): "
            + problem);
  }

  @Override
  public void close() {
    manager.close();
  }
}
