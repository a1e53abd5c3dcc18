package dev.smallfirst.models.trained;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.trained.nn.ClassifierTranslator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A loaded classifier for the classify or sentiment stage: batched texts in, label, calibrated
 * confidence, escalation flag and top-k out. Thread-safe (one predictor per thread).
 *
 * <pre>{@code
 * TextClassifier c = (TextClassifier) ModelDirectory.load(dir, Device.cpu());
 * Classified out = c.classify(List.of("I was charged twice")).get(0);
 * }</pre>
 */
public final class TextClassifier extends LoadedModel<List<String>, float[][]>
    implements TrainedModel {

  private static final int TOP_K = 3;

  TextClassifier(Manifest manifest, Model model, NgramFeaturizer featurizer) {
    super(manifest, model, new ClassifierTranslator(featurizer, manifest.temperature()));
  }

  /**
   * Classifies a batch; the result has one entry per text, in order. Texts longer than the
   * manifest's {@code maxLength} are cut and flagged; a blank text gets a low-confidence answer.
   *
   * @throws TranslateException when the engine fails (a bug or resource problem, not bad input)
   */
  public List<Classified> classify(List<String> texts) throws TranslateException {
    if (texts.isEmpty()) {
      return List.of();
    }
    float[][] probs = probabilities(texts);
    List<Classified> out = new ArrayList<>(texts.size());
    for (int i = 0; i < probs.length; i++) {
      String t = texts.get(i);
      out.add(toClassified(probs[i], t != null && t.length() > manifest.maxLength()));
    }
    return out;
  }

  /** The same as {@link #classify} (the sentiment stage's name for it). */
  public List<Classified> sentiment(List<String> texts) throws TranslateException {
    return classify(texts);
  }

  /**
   * Calibrated probabilities per label, {@code [texts][labels]}, in label order; texts are cut to
   * {@code maxLength} as in {@link #classify}.
   */
  public float[][] probabilities(List<String> texts) throws TranslateException {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    List<String> cut = new ArrayList<>(texts.size());
    for (String text : texts) {
      cut.add(cut(text));
    }
    return predictors.get().predict(cut);
  }

  private Classified toClassified(float[] p, boolean truncated) {
    List<String> labels = manifest.labels();
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
    List<Classified.LabelScore> top = new ArrayList<>();
    for (int k = 0; k < Math.min(TOP_K, p.length); k++) {
      top.add(new Classified.LabelScore(labels.get(order[k]), p[order[k]]));
    }
    double confidence = p[order[0]];
    return new Classified(
        labels.get(order[0]), confidence, confidence < manifest.threshold(), top, truncated);
  }
}
