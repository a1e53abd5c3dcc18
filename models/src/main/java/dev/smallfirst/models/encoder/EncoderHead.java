package dev.smallfirst.models.encoder;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small head on encoder features, as a DJL block on the PyTorch engine: {@code inputs ->
 * [Linear(hidden) -> ReLU -> Dropout] -> Linear(outputs)} (no hidden layer when {@code hidden} is
 * 0). One row of features in, one row of logits out: the pooled embedding for classify and
 * sentiment, each token's state for extract. Thread-safe for {@link #logits}: the parameters are
 * read-only and each call has its own memory scope.
 */
public final class EncoderHead implements AutoCloseable {

  /**
   * The head's shape, as the manifest's {@code head} block records it.
   *
   * @param inputs feature width (the encoder's dimension)
   * @param hidden hidden units, 0 for a linear head
   * @param outputs logits per row
   * @param dropout dropout after the hidden layer while training
   */
  public record Layout(int inputs, int hidden, int outputs, float dropout) {
    public Layout {
      if (inputs < 1 || hidden < 0 || outputs < 2) {
        throw new IllegalArgumentException(
            "head needs inputs >= 1, hidden >= 0, outputs >= 2; got "
                + inputs
                + ", "
                + hidden
                + ", "
                + outputs);
      }
    }
  }

  private final Layout shape;
  private final NDManager manager;
  private final Block block;

  private EncoderHead(Layout shape, NDManager manager, Block block) {
    this.shape = shape;
    this.manager = manager;
    this.block = block;
  }

  /** A new, randomly initialised head (the trainer seeds the engine before calling it). */
  public static EncoderHead create(Layout shape) {
    NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    Block block = newBlock(shape);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.inputs()));
    return new EncoderHead(shape, manager, block);
  }

  /** Reads a head's parameters written by {@link #save}. */
  public static EncoderHead load(Layout shape, Path params)
      throws IOException, MalformedModelException {
    EncoderHead head = create(shape);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
      head.block.loadParameters(head.manager, in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      head.close();
      throw e;
    }
    return head;
  }

  /** The block to train (the trainer wraps it in a DJL {@code Trainer}). */
  public Block block() {
    return block;
  }

  /** The head's shape. */
  public Layout shape() {
    return shape;
  }

  /** Writes the parameters. */
  public void save(Path params) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
      block.saveParameters(out);
    }
  }

  /** Logits of each row of {@code features}, {@code [rows][outputs]}, in inference mode. */
  public float[][] logits(float[][] features) {
    int n = features.length;
    float[][] out = new float[n][];
    if (n == 0) {
      return out;
    }
    float[] flat = new float[n * shape.inputs()];
    for (int i = 0; i < n; i++) {
      System.arraycopy(features[i], 0, flat, i * shape.inputs(), shape.inputs());
    }
    float[] logits;
    try (NDManager scope = manager.newSubManager()) {
      NDList in = new NDList(scope.create(flat, new Shape(n, shape.inputs())));
      logits =
          block
              .forward(new ParameterStore(scope, false), in, false)
              .singletonOrThrow()
              .toFloatArray();
    }
    int k = shape.outputs();
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(logits, i * k, (i + 1) * k);
    }
    return out;
  }

  /** A new, uninitialised block of this layout (the trainer initialises and trains it). */
  public static Block newBlock(Layout s) {
    SequentialBlock b = new SequentialBlock();
    if (s.hidden() > 0) {
      b.add(Linear.builder().setUnits(s.hidden()).build());
      b.add(Activation::relu);
      b.add(Dropout.builder().optRate(s.dropout()).build());
    }
    b.add(Linear.builder().setUnits(s.outputs()).build());
    return b;
  }

  @Override
  public void close() {
    manager.close();
  }
}
