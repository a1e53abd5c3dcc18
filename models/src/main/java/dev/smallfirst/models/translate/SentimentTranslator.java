package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.SentimentScored;
import dev.smallfirst.records.SentimentLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SENTIMENT adapter: logits over labels named NEGATIVE, NEUTRAL and POSITIVE (any order, any case)
 * to the top label, its temperature-calibrated probability and the polarity {@code P(positive) -
 * P(negative)}. Thread-safe.
 */
public final class SentimentTranslator extends BatchTranslator {
  private final SentimentLabel[] labels;
  private final double temperature;

  /**
   * @throws IllegalArgumentException when a label is not a sentiment or one is missing
   */
  public SentimentTranslator(List<String> labels, double temperature, ModelInputs inputs) {
    super(inputs);
    this.labels = new SentimentLabel[labels.size()];
    for (int i = 0; i < labels.size(); i++) {
      try {
        this.labels[i] = SentimentLabel.valueOf(labels.get(i).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "sentiment label '" + labels.get(i) + "' is not one of NEGATIVE, NEUTRAL, POSITIVE");
      }
    }
    if (!List.of(this.labels).contains(SentimentLabel.NEGATIVE)
        || !List.of(this.labels).contains(SentimentLabel.POSITIVE)) {
      throw new IllegalArgumentException(
          "sentiment labels " + labels + " must include NEGATIVE and POSITIVE");
    }
    this.temperature = temperature;
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList output) {
    List<StageOutcome> out = new ArrayList<>();
    for (double[] p : probabilities(output.get(0), labels.length, temperature)) {
      int best = Calibration.argmax(p);
      double polarity = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == SentimentLabel.POSITIVE) {
          polarity += p[i];
        } else if (labels[i] == SentimentLabel.NEGATIVE) {
          polarity -= p[i];
        }
      }
      out.add(new SentimentScored(labels[best], Math.max(-1, Math.min(1, polarity)), p[best]));
    }
    return out;
  }
}
