package dev.smallfirst.eval;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Classified;
import dev.smallfirst.training.data.LabeledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a classify or sentiment model on labeled texts: writes the predictions, then computes
 * in-scope accuracy and macro-F1, per-class figures, escalation of examples with labels the model
 * does not know, calibration, the threshold sweep and the failure groups. Not thread-safe.
 */
public final class ClassificationEval {

  private static final int BATCH = 256;

  private ClassificationEval() {}

  /** Runs the model on {@code data}, writes {@code predictions}, returns the report. */
  public static EvalReport run(
      StageModel model,
      ModelManifest manifest,
      List<LabeledText> data,
      Path predictions,
      String dataName,
      EscalationPrices prices)
      throws IOException, InferenceException {
    List<Classified> out =
        ModelRun.predict(model, data.stream().map(t -> StageInput.of(t.text())).toList(), BATCH)
            .stream()
            .map(o -> ModelRun.classified(o, manifest))
            .toList();
    writePredictions(data, out, predictions);
    return report(manifest, data, out, dataName, prices);
  }

  /** The report for predictions already made; pure. */
  public static EvalReport report(
      ModelManifest manifest,
      List<LabeledText> data,
      List<Classified> out,
      String dataName,
      EscalationPrices prices) {
    Set<String> known = new HashSet<>(manifest.labels());
    List<String> gold = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    List<Double> conf = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    List<ThresholdSweep.Item> items = new ArrayList<>();
    List<FailureModes.Outcome> outcomes = new ArrayList<>();
    int unknown = 0;
    int unknownEscalated = 0;
    int knownEscalated = 0;
    for (int i = 0; i < data.size(); i++) {
      LabeledText t = data.get(i);
      Classified c = out.get(i);
      boolean answerable = known.contains(t.label());
      boolean correct = c.label().equals(t.label());
      items.add(new ThresholdSweep.Item(c.confidence(), correct, answerable));
      outcomes.add(
          new FailureModes.Outcome(t.text(), t.label(), c.label(), c.escalate(), answerable));
      if (answerable) {
        gold.add(t.label());
        predicted.add(c.label());
        conf.add(c.confidence());
        right.add(correct);
        knownEscalated += c.escalate() ? 1 : 0;
      } else {
        unknown++;
        unknownEscalated += c.escalate() ? 1 : 0;
      }
    }
    ClassMetrics.Summary s = ClassMetrics.compute(gold, predicted);
    double[] confidence = conf.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] correct = new boolean[right.size()];
    for (int i = 0; i < correct.length; i++) {
      correct[i] = right.get(i);
    }
    Calibration.Result cal = Calibration.compute(confidence, correct, 15);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("examples", data.size());
    headline.put(unknown > 0 ? "in-scope accuracy" : "accuracy", s.accuracy());
    headline.put("macro-F1", s.macroF1());
    headline.put("ECE", cal.ece());
    headline.put("threshold", ModelRun.threshold(manifest));
    headline.put(
        unknown > 0 ? "in-scope escalated" : "escalated",
        gold.isEmpty() ? Double.NaN : knownEscalated / (double) gold.size());
    if (unknown > 0) {
      headline.put("unknown-label examples", unknown);
      headline.put("unknown-label recall (escalated)", unknownEscalated / (double) unknown);
    }
    EvalReport.putThreshold(headline, manifest, items, prices, "quality kept at threshold");
    List<FailureGroup> failures =
        FailureModes.classify(outcomes, label -> ModelRun.groupOf(manifest, label));
    return EvalReport.of(manifest, dataName, headline, cal, items, prices, failures, s.perClass());
  }

  private static void writePredictions(List<LabeledText> data, List<Classified> out, Path file)
      throws IOException {
    Predictions.write(
        file,
        data.size(),
        i ->
            Predictions.JSON
                .createObjectNode()
                .put("text", data.get(i).text())
                .put("label", data.get(i).label())
                .put("predicted", out.get(i).label())
                .put("confidence", out.get(i).confidence())
                .put("escalated", out.get(i).escalate()));
  }
}
