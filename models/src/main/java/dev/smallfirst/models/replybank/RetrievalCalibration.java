package dev.smallfirst.models.replybank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.ModelLoadException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what retrieval saw into the probability that the reply is acceptable: a logistic model of
 * the chosen entry's cosine similarity, its margin over the nearest entry of another intent, the
 * classifier's confidence in the intent, and the consensus (the chosen reply's mean chrF / 100
 * against the replies of the nearest requests). Fitted by the trainer on a calibration split the
 * bank does not hold (the manifest's {@code calibration} block). Immutable.
 *
 * @param bias intercept
 * @param similarity weight of the cosine similarity
 * @param margin weight of the margin over the best other-intent entry
 * @param intentConfidence weight of the classifier's confidence (0.5 where it is unknown)
 * @param consensus weight of the consensus
 */
public record RetrievalCalibration(
    double bias, double similarity, double margin, double intentConfidence, double consensus) {

  /** The features of one retrieval. */
  public static double[] features(
      double sim, double margin, double intentConfidence, double consensus) {
    return new double[] {sim, margin, intentConfidence, consensus};
  }

  /** The calibrated probability for {@code features}. */
  public double probability(double[] f) {
    double z =
        bias + similarity * f[0] + margin * f[1] + intentConfidence * f[2] + consensus * f[3];
    return 1 / (1 + Math.exp(-z));
  }

  /** The weights in feature order, intercept last. */
  public double[] weights() {
    return new double[] {similarity, margin, intentConfidence, consensus, bias};
  }

  /** From weights in {@link #weights()} order. */
  public static RetrievalCalibration of(double[] w) {
    return new RetrievalCalibration(w[4], w[0], w[1], w[2], w[3]);
  }

  /** The manifest block. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bias", bias);
    m.put("similarity", similarity);
    m.put("margin", margin);
    m.put("intentConfidence", intentConfidence);
    m.put("consensus", consensus);
    return m;
  }

  /** Reads the manifest block; {@code where} names the manifest in errors. */
  public static RetrievalCalibration fromJson(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new ModelLoadException(where + ": field 'calibration' must be an object");
    }
    double[] w = new double[5];
    String[] names = {"similarity", "margin", "intentConfidence", "consensus", "bias"};
    for (int i = 0; i < 5; i++) {
      if (!n.path(names[i]).isNumber()) {
        throw new ModelLoadException(
            where + ": field 'calibration." + names[i] + "' must be a number");
      }
      w[i] = n.get(names[i]).asDouble();
    }
    return of(w);
  }
}
