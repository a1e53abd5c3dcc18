package dev.smallfirst.eval;

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
    PriceTable prices,
    List<FailureGroup> failures,
    List<ClassMetrics.PerClass> perClass) {

  public EvalReport {
    model = Map.copyOf(model);
    sweep = List.copyOf(sweep);
    failures = List.copyOf(failures);
    perClass = List.copyOf(perClass);
  }
}
