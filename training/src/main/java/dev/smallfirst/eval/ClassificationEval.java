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
import java.util.function.Function;
import java.util.stream.IntStream;

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
    List<ThresholdSweep.Item> items = new ArrayList<>();
    List<FailureModes.Outcome> outcomes = new ArrayList<>();
    int unknown = 0;
    for (int i = 0; i < data.size(); i++) {
      LabeledText t = data.get(i);
      Classified c = out.get(i);
      boolean answerable = known.contains(t.label());
      items.add(new ThresholdSweep.Item(c.confidence(), c.label().equals(t.label()), answerable));
      outcomes.add(
          new FailureModes.Outcome(t.text(), t.label(), c.label(), c.escalate(), answerable));
      unknown += answerable ? 0 : 1;
    }
    boolean scoped = unknown > 0;
    Function<int[], Map<String, Double>> metrics =
        idx -> metrics(idx, data, out, items, scoped, ModelRun.threshold(manifest), prices);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("examples", data.size());
    facts.put("threshold", ModelRun.threshold(manifest));
    if (scoped) {
      facts.put("unknown-label examples", unknown);
    }
    List<FailureGroup> failures =
        FailureModes.classify(outcomes, label -> ModelRun.groupOf(manifest, label));
    int[] all = IntStream.range(0, data.size()).toArray();
    List<ClassMetrics.PerClass> perClass = summary(all, data, out, items).perClass();
    return EvalReport.of(
        manifest,
        dataName,
        facts,
        metrics,
        data.size(),
        calibration(all, out, items),
        items,
        prices,
        failures,
        perClass);
  }

  /**
   * Accuracy and macro-F1 (of the answerable examples), ECE, the escalation rates and what the
   * model's threshold keeps and costs, on the examples {@code idx} (a bootstrap resample or all).
   */
  private static Map<String, Double> metrics(
      int[] idx,
      List<LabeledText> data,
      List<Classified> out,
      List<ThresholdSweep.Item> items,
      boolean scoped,
      double threshold,
      EscalationPrices prices) {
    ClassMetrics.Summary s = summary(idx, data, out, items);
    int knownEscalated = 0;
    int unknown = 0;
    int unknownEscalated = 0;
    List<ThresholdSweep.Item> drawn = new ArrayList<>(idx.length);
    for (int i : idx) {
      drawn.add(items.get(i));
      int escalated = out.get(i).escalate() ? 1 : 0;
      if (items.get(i).answerable()) {
        knownEscalated += escalated;
      } else {
        unknown++;
        unknownEscalated += escalated;
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(scoped ? "in-scope accuracy" : "accuracy", s.accuracy());
    m.put("macro-F1", s.macroF1());
    m.put("ECE", calibration(idx, out, items).ece());
    m.put(scoped ? "in-scope escalated" : "escalated", ratio(knownEscalated, s.count()));
    if (scoped) {
      m.put("unknown-label recall (escalated)", ratio(unknownEscalated, unknown));
    }
    ThresholdSweep.Row own = ThresholdSweep.row(drawn, prices, threshold);
    m.put("quality kept at threshold", own.keptQuality());
    m.put("$ per 1,000 messages at threshold", own.costPer1000Micros() / 1e6);
    return m;
  }

  /** Class metrics of the answerable examples among {@code idx}. */
  private static ClassMetrics.Summary summary(
      int[] idx, List<LabeledText> data, List<Classified> out, List<ThresholdSweep.Item> items) {
    List<String> gold = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int i : idx) {
      if (items.get(i).answerable()) {
        gold.add(data.get(i).label());
        predicted.add(out.get(i).label());
      }
    }
    return ClassMetrics.compute(gold, predicted);
  }

  /** Calibration of the answerable examples among {@code idx}. */
  private static Calibration.Result calibration(
      int[] idx, List<Classified> out, List<ThresholdSweep.Item> items) {
    int[] answerable = IntStream.of(idx).filter(i -> items.get(i).answerable()).toArray();
    double[] confidence = new double[answerable.length];
    boolean[] correct = new boolean[answerable.length];
    for (int k = 0; k < answerable.length; k++) {
      confidence[k] = out.get(answerable[k]).confidence();
      correct[k] = items.get(answerable[k]).correct();
    }
    return Calibration.compute(confidence, correct, 15);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : a / (double) b;
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
