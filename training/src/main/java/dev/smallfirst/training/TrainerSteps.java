package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the trainers share around DJL: the model around a block, one optimizer step, weight
 * snapshots.
 */
final class TrainerSteps {

  private TrainerSteps() {}

  /** A new DJL model named {@code name} around {@code block}. */
  static Model model(String name, Block block, Device device) {
    Model model = Model.newInstance(name, device);
    model.setBlock(block);
    return model;
  }

  /**
   * Computes {@code loss} on a sub-manager freed afterwards, back-propagates it and steps the
   * optimizer; returns the batch's loss.
   */
  static float step(Trainer trainer, Function<NDManager, NDArray> loss) {
    float value;
    try (NDManager m = trainer.getManager().newSubManager();
        GradientCollector gc = trainer.newGradientCollector()) {
      NDArray l = loss.apply(m);
      gc.backward(l);
      value = l.getFloat();
    }
    trainer.step();
    return value;
  }

  /** The values of every parameter of {@code block}, in order. */
  static List<float[]> snapshot(Block block) {
    List<float[]> out = new ArrayList<>();
    for (var p : block.getParameters().values()) {
      out.add(p.getArray().toFloatArray());
    }
    return out;
  }

  /** Sets the parameters of {@code block} to a {@link #snapshot} of it. */
  static void restore(Block block, List<float[]> values) {
    int i = 0;
    for (var p : block.getParameters().values()) {
      p.getArray().set(FloatBuffer.wrap(values.get(i++)));
    }
  }
}
