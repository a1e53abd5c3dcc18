package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Classified;
import dev.smallfirst.models.text.EncodedBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * CLASSIFY adapter: logits {@code [batch, labels]} to the top label, its probability after
 * temperature scaling (the manifest's calibration) and the {@code k} best labels. Thread-safe.
 */
public final class ClassifyTranslator implements Translator<EncodedBatch, List<StageOutcome>> {
  private final List<String> labels;
  private final double temperature;
  private final int topK;
  private final ModelInputs inputs;

  /**
   * @param labels the model's classes in output order
   * @param temperature calibration temperature, positive
   * @param topK how many labels to list, at least 1
   */
  public ClassifyTranslator(List<String> labels, double temperature, int topK, ModelInputs inputs) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + labels);
    }
    this.labels = List.copyOf(labels);
    this.temperature = temperature;
    this.topK = Math.max(1, topK);
    this.inputs = inputs;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, EncodedBatch batch) {
    return inputs.tensors(ctx.getNDManager(), batch);
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList output) {
    NDArray logits = output.get(0);
    LogitsChecks.requireClasses(logits, 2, labels.size());
    int rows = Math.toIntExact(logits.getShape().get(0));
    int classes = labels.size();
    float[] flat = logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    List<StageOutcome> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      double[] p = Calibration.softmax(flat, r * classes, classes, temperature);
      int best = Calibration.argmax(p);
      out.add(new Classified(labels.get(best), p[best], Calibration.topK(p, labels, topK)));
    }
    return out;
  }

  @Override
  public Batchifier getBatchifier() {
    return null; // the batch is already one padded tensor
  }
}
