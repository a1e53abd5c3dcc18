package dev.smallfirst.eval;

import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.util.List;
import java.util.Map;

/**
 * Everything an evaluation found, ready to be written as {@code summary.json} and {@code
 * index.html}. Immutable.
 *
 * @param stage the evaluated stage
 * @param model name, version and sha256 of the evaluated model
 * @param data the evaluated file
 * @param headline the key figures in display order (accuracy, macro-F1, ECE, ...)
 * @param calibration ECE and reliability bins
 * @param sweep the threshold sweep rows
 * @param modelThreshold the model's own escalation threshold
 * @param prices the price table the sweep used
 * @param failures error groups by failure mode and severity
 * @param perClass per-class (or per-span-type) precision/recall/F1
 */
public record EvalReport(
    String stage,
    Map<String, String> model,
    String data,
    Map<String, Object> headline,
    Calibration.Result calibration,
    List<ThresholdSweep.Row> sweep,
    double modelThreshold,
    EscalationPrices prices,
    List<FailureGroup> failures,
    List<ClassMetrics.PerClass> perClass) {

  public EvalReport {
    model = Map.copyOf(model);
    sweep = List.copyOf(sweep);
    failures = List.copyOf(failures);
    perClass = List.copyOf(perClass);
  }

  /** The report of {@code manifest}'s model: its identity, threshold and the threshold sweep. */
  static EvalReport of(
      ModelManifest manifest,
      String data,
      Map<String, Object> headline,
      Calibration.Result calibration,
      List<ThresholdSweep.Item> items,
      EscalationPrices prices,
      List<FailureGroup> failures,
      List<ClassMetrics.PerClass> perClass) {
    return new EvalReport(
        StageCatalogue.id(manifest.stage()),
        Map.of("name", manifest.name(), "version", manifest.version(), "sha256", manifest.sha256()),
        data,
        headline,
        calibration,
        ThresholdSweep.sweep(items, prices, ModelRun.threshold(manifest)),
        ModelRun.threshold(manifest),
        prices,
        failures,
        perClass);
  }

  /** Adds the model's threshold and the share of {@code total} answers it escalated. */
  static void putEscalated(
      Map<String, Object> headline, ModelManifest manifest, int escalated, int total) {
    headline.put("threshold", ModelRun.threshold(manifest));
    headline.put("escalated", total == 0 ? Double.NaN : escalated / (double) total);
  }

  /** Adds what the model's own threshold keeps (as {@code keptName}) and costs to the headline. */
  static void putThreshold(
      Map<String, Object> headline,
      ModelManifest manifest,
      List<ThresholdSweep.Item> items,
      EscalationPrices prices,
      String keptName) {
    ThresholdSweep.Row own = ThresholdSweep.row(items, prices, ModelRun.threshold(manifest));
    headline.put(keptName, own.keptQuality());
    headline.put("$ per 1,000 messages at threshold", own.costPer1000Micros() / 1e6);
  }
}
