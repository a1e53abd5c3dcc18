package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Classified;
import java.util.ArrayList;
import java.util.List;

/**
 * CLASSIFY adapter: logits {@code [batch, labels]} to the top label, its probability after
 * temperature scaling (the manifest's calibration) and the {@code k} best labels. Thread-safe.
 */
public final class ClassifyTranslator extends BatchTranslator {
  private final List<String> labels;
  private final double temperature;
  private final int topK;

  /**
   * @param labels the model's classes in output order
   * @param temperature calibration temperature, positive
   * @param topK how many labels to list, at least 1
   */
  public ClassifyTranslator(List<String> labels, double temperature, int topK, ModelInputs inputs) {
    super(inputs);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + labels);
    }
    this.labels = List.copyOf(labels);
    this.temperature = temperature;
    this.topK = Math.max(1, topK);
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList output) {
    List<StageOutcome> out = new ArrayList<>();
    for (double[] p : probabilities(output.get(0), labels.size(), temperature)) {
      int best = Calibration.argmax(p);
      out.add(new Classified(labels.get(best), p[best], Calibration.topK(p, labels, topK)));
    }
    return out;
  }
}
