package dev.smallfirst.training;

import dev.smallfirst.eval.Calibration;
import dev.smallfirst.eval.EscalationPrices;
import dev.smallfirst.eval.SpanMetrics;
import dev.smallfirst.training.calibration.EscalationThreshold;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validation figures both extract jobs report (span precision, recall, F1 and ECE, the
 * temperature, the escalation threshold and the share it escalates), gathered message by message
 * from their gold and predicted spans. Not thread-safe.
 */
final class SpanValidation {
  private final List<List<SpanMetrics.LabeledSpan>> gold = new ArrayList<>();
  private final List<List<SpanMetrics.LabeledSpan>> predicted = new ArrayList<>();
  private final List<Double> messageConfidence = new ArrayList<>();
  private final List<Double> spanConfidence = new ArrayList<>();
  private final List<Boolean> spanRight = new ArrayList<>();

  /**
   * One message.
   *
   * @param confidences the confidence of each predicted span, in the same order
   * @param confidence the message's confidence, which the escalation threshold is chosen on
   */
  void add(
      List<SpanMetrics.LabeledSpan> goldSpans,
      List<SpanMetrics.LabeledSpan> predictedSpans,
      List<Double> confidences,
      double confidence) {
    Set<SpanMetrics.LabeledSpan> goldSet = new HashSet<>(goldSpans);
    for (int k = 0; k < predictedSpans.size(); k++) {
      spanConfidence.add(confidences.get(k));
      spanRight.add(goldSet.contains(predictedSpans.get(k)));
    }
    gold.add(goldSpans);
    predicted.add(predictedSpans);
    messageConfidence.add(confidence);
  }

  /** The figures, under the keys the manifests and eval reports use. */
  Map<String, Object> metrics(double temperature, double maxEscalation) {
    SpanMetrics.Summary s = SpanMetrics.compute(gold, predicted);
    boolean[] right = new boolean[spanRight.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = spanRight.get(i);
    }
    EscalationThreshold.Choice choice =
        EscalationThreshold.chooseCapped(
            messageConfidence.stream().mapToDouble(Double::doubleValue).toArray(),
            new double[0],
            maxEscalation,
            EscalationPrices.ASSUMED_FRONTIER_QUALITY);
    Map<String, Object> m = new TreeMap<>();
    m.put("examples", gold.size());
    m.put("spanPrecision", ClassifierJob.round(s.precision()));
    m.put("spanRecall", ClassifierJob.round(s.recall()));
    m.put("spanF1", ClassifierJob.round(s.f1()));
    m.put(
        "spanEce",
        ClassifierJob.round(
            Calibration.compute(
                    spanConfidence.stream().mapToDouble(Double::doubleValue).toArray(), right, 15)
                .ece()));
    m.put("temperature", ClassifierJob.round(temperature));
    m.put("threshold", choice.threshold());
    m.put("messagesEscalated", ClassifierJob.round(choice.knownEscalated()));
    m.put("maxEscalation", maxEscalation);
    return m;
  }
}
