package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.text.NgramFeaturizer;
import java.util.List;

/**
 * Texts in, calibrated class probabilities out ({@code [texts][classes]}): featurizes a whole batch
 * into one padded array pair, runs the {@link BagClassifierBlock}, divides the ensemble
 * log-probabilities by the temperature and applies the softmax. Stateless; thread-safe.
 */
public final class ClassifierTranslator
    extends FeaturizingTranslator<NgramFeaturizer.Features, float[][]> {

  public ClassifierTranslator(NgramFeaturizer featurizer, double temperature) {
    super(featurizer::featurize, temperature);
  }

  @Override
  NDList input(TranslatorContext ctx, List<NgramFeaturizer.Features> rows) {
    return Batches.bag(ctx.getNDManager(), rows);
  }

  @Override
  public float[][] processOutput(TranslatorContext ctx, NDList list) {
    NDArray probs = list.get(0).div(temperature).softmax(1);
    int rows = (int) probs.getShape().get(0);
    int classes = (int) probs.getShape().get(1);
    float[] flat = probs.toFloatArray();
    float[][] out = new float[rows][classes];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * classes, out[r], 0, classes);
    }
    return out;
  }
}
