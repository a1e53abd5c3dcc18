package dev.smallfirst.models.causallm.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.smallfirst.models.causallm.CausalDecoder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One sequence of an ONNX causal LM in the layout Hugging Face Optimum exports ({@code optimum-cli
 * export onnx --task text-generation-with-past}, one {@code model.onnx}), run by DJL's OnnxRuntime
 * engine:
 *
 * <pre>
 * inputs:  input_ids [1, T], attention_mask [1, P + T], position_ids [1, T] (if the graph has it),
 *          past_key_values.{i}.key, past_key_values.{i}.value [1, H, P, D] for each layer i
 * outputs: logits [1, T, V], present.{i}.key, present.{i}.value [1, H, P + T, D]
 * </pre>
 *
 * The first call passes {@code P = 0} (empty past tensors); each later call passes the {@code
 * present} tensors of the one before, which stay in ONNX Runtime's memory (no copy). Every output's
 * shape is checked, so a graph that ignores or mangles its cache fails loudly. Not thread-safe; one
 * per sequence.
 */
final class OnnxSequence implements CausalDecoder.Sequence {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String POSITION_IDS = "position_ids";
  static final String LOGITS = "logits";

  /**
   * The graph's inputs, checked against the layout at load.
   *
   * @param positionIds whether the graph takes {@code position_ids}
   * @param past the cache inputs, layer by layer, keys before values ({@code 2 * layer + 0|1})
   * @param present the cache outputs in the same order
   */
  record Layout(KvShape kv, boolean positionIds, List<String> past, List<String> present) {
    Layout(KvShape kv, boolean positionIds) {
      this(kv, positionIds, names(kv, "past_key_values."), names(kv, "present."));
    }

    private static List<String> names(KvShape kv, String prefix) {
      List<String> out = new ArrayList<>(2 * kv.layers());
      for (int i = 0; i < kv.layers(); i++) {
        out.add(prefix + i + ".key");
        out.add(prefix + i + ".value");
      }
      return List.copyOf(out);
    }

    /**
     * The layout of a graph with {@code inputs}.
     *
     * @throws IllegalArgumentException naming what is missing or unexpected
     */
    static Layout of(List<String> inputs, KvShape kv) {
      Set<String> expected = new LinkedHashSet<>(List.of(INPUT_IDS, ATTENTION_MASK));
      expected.addAll(names(kv, "past_key_values."));
      List<String> missing = new ArrayList<>();
      for (String name : expected) {
        if (!inputs.contains(name)) {
          missing.add(name);
        }
      }
      List<String> unexpected = new ArrayList<>();
      for (String name : inputs) {
        if (!expected.contains(name) && !name.equals(POSITION_IDS)) {
          unexpected.add(name);
        }
      }
      if (!missing.isEmpty() || !unexpected.isEmpty()) {
        throw new IllegalArgumentException(
            "the graph's inputs are "
                + inputs
                + (missing.isEmpty() ? "" : "; missing " + missing)
                + (unexpected.isEmpty() ? "" : "; not part of the layout " + unexpected)
                + " (kvCache.layers "
                + kv.layers()
                + "; a merged decoder with use_cache_branch is not supported: export one"
                + " model.onnx with --task text-generation-with-past)");
      }
      return new Layout(kv, inputs.contains(POSITION_IDS));
    }
  }

  private final Block block;
  private final NDManager manager;
  private final Layout layout;
  private NDArray[] past;
  private long length;

  OnnxSequence(Block block, NDManager parent, Layout layout) {
    this.block = block;
    this.manager = parent.newSubManager();
    this.layout = layout;
  }

  @Override
  public float[] feed(long[] tokens) {
    KvShape kv = layout.kv();
    try (NDManager step = manager.newSubManager()) {
      NDList in = new NDList();
      in.add(named(step.create(tokens, new Shape(1, tokens.length)), INPUT_IDS));
      long[] mask = new long[(int) length + tokens.length];
      java.util.Arrays.fill(mask, 1L);
      in.add(named(step.create(mask, new Shape(1, mask.length)), ATTENTION_MASK));
      if (layout.positionIds()) {
        long[] positions = new long[tokens.length];
        for (int t = 0; t < positions.length; t++) {
          positions[t] = length + t;
        }
        in.add(named(step.create(positions, new Shape(1, positions.length)), POSITION_IDS));
      }
      for (int k = 0; k < layout.past().size(); k++) {
        NDArray cache = past == null ? step.create(new float[0], kv.perLayer(0)) : past[k];
        in.add(named(cache, layout.past().get(k)));
      }
      NDList out = block.forward(new ParameterStore(step, false), in, false);
      NDArray logits = output(out, LOGITS);
      Shape ls = logits.getShape();
      if (ls.dimension() != 3 || ls.get(0) != 1 || ls.get(1) != tokens.length) {
        throw contract("logits must be [1, " + tokens.length + ", vocabulary], got " + ls);
      }
      NDArray[] present = new NDArray[layout.present().size()];
      Shape expected = kv.perLayer(length + tokens.length);
      for (int k = 0; k < present.length; k++) {
        String name = layout.present().get(k);
        present[k] = output(out, name);
        if (!present[k].getShape().equals(expected)) {
          throw contract(
              name
                  + " must be "
                  + expected
                  + " (kvCache of the manifest), got "
                  + present[k].getShape());
        }
      }
      float[] last =
          logits.get(0, tokens.length - 1).toType(DataType.FLOAT32, false).toFloatArray();
      for (NDArray p : present) {
        p.attach(manager);
      }
      if (past != null) {
        for (NDArray p : past) {
          p.close();
        }
      }
      past = present;
      length += tokens.length;
      return last;
    }
  }

  private static NDArray named(NDArray array, String name) {
    array.setName(name);
    return array;
  }

  private static NDArray output(NDList out, String name) {
    for (NDArray a : out) {
      if (name.equals(a.getName())) {
        return a;
      }
    }
    List<String> names = new ArrayList<>();
    out.forEach(a -> names.add(a.getName()));
    throw contract("no output '" + name + "' among " + names);
  }

  private static IllegalStateException contract(String problem) {
    return new IllegalStateException(
        "the graph breaks the causal-lm ONNX layout (input_ids, attention_mask[, position_ids],"
            + " past_key_values.*) -> (logits, present.*): "
            + problem);
  }

  @Override
  public void close() {
    manager.close();
  }
}
