package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.EncodedBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * What every stage's translator shares: the batch is already one padded tensor (no batchifier), its
 * tensors come from {@link ModelInputs}, and it stays readable in {@code processOutput}.
 * Thread-safe when the subclass is.
 */
abstract class BatchTranslator implements Translator<EncodedBatch, List<StageOutcome>> {
  private static final String BATCH = "batch";

  /** Turns a batch into the model's tensors. */
  final ModelInputs inputs;

  BatchTranslator(ModelInputs inputs) {
    this.inputs = inputs;
  }

  @Override
  public final NDList processInput(TranslatorContext ctx, EncodedBatch batch) {
    ctx.setAttachment(BATCH, batch);
    return inputs.tensors(ctx.getNDManager(), batch);
  }

  @Override
  public final Batchifier getBatchifier() {
    return null; // the batch is already one padded tensor
  }

  /** The batch {@link #processInput} was given. */
  static EncodedBatch batch(TranslatorContext ctx) {
    return (EncodedBatch) ctx.getAttachment(BATCH);
  }

  /** The logits as one flat float array, row-major. */
  static float[] floats(NDArray logits) {
    return logits.toType(DataType.FLOAT32, false).toFloatArray();
  }

  /**
   * Calibrated class probabilities of each row of {@code [rows, classes]} logits.
   *
   * @throws IllegalStateException when the logits do not have {@code classes} columns
   */
  static List<double[]> probabilities(NDArray logits, int classes, double temperature) {
    LogitsChecks.requireClasses(logits, 2, classes);
    int rows = Math.toIntExact(logits.getShape().get(0));
    float[] flat = floats(logits);
    List<double[]> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      out.add(Calibration.softmax(flat, r * classes, classes, temperature));
    }
    return out;
  }
}
