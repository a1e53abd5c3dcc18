package dev.smallfirst.eval;

import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.stats.Bootstrap;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Everything an evaluation found, ready to be written as {@code summary.json} and {@code
 * index.html}. Immutable.
 *
 * @param stage the evaluated stage
 * @param model name, version and sha256 of the evaluated model
 * @param data the evaluated file
 * @param headline the key figures in display order (examples, threshold, accuracy, macro-F1, ...)
 * @param intervals the bootstrap 95% interval of every metric in {@code headline} (counts and the
 *     threshold have none)
 * @param calibration ECE and reliability bins
 * @param sweep the threshold sweep rows
 * @param modelThreshold the model's own escalation threshold
 * @param prices the price table the sweep used
 * @param failures error groups by failure mode and severity
 * @param perClass per-class (or per-span-type) precision/recall/F1
 * @param items the scored examples the sweep was computed from (for choosing a threshold)
 */
public record EvalReport(
    String stage,
    Map<String, String> model,
    String data,
    Map<String, Object> headline,
    Map<String, Bootstrap.Interval> intervals,
    Calibration.Result calibration,
    List<ThresholdSweep.Row> sweep,
    double modelThreshold,
    EscalationPrices prices,
    List<FailureGroup> failures,
    List<ClassMetrics.PerClass> perClass,
    List<ThresholdSweep.Item> items) {

  public EvalReport {
    model = Map.copyOf(model);
    headline = Collections.unmodifiableMap(new LinkedHashMap<>(headline));
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
    sweep = List.copyOf(sweep);
    failures = List.copyOf(failures);
    perClass = List.copyOf(perClass);
    items = List.copyOf(items);
  }

  /**
   * The report of {@code manifest}'s model: its identity, threshold and the threshold sweep; the
   * headline is {@code facts} followed by {@code metrics} of all {@code n} examples, each metric
   * with its {@link Bootstrap#standard() bootstrap} interval.
   *
   * @param metrics computes every metric from the indices of the examples drawn
   */
  static EvalReport of(
      ModelManifest manifest,
      String data,
      Map<String, Object> facts,
      Function<int[], Map<String, Double>> metrics,
      int n,
      Calibration.Result calibration,
      List<ThresholdSweep.Item> items,
      EscalationPrices prices,
      List<FailureGroup> failures,
      List<ClassMetrics.PerClass> perClass) {
    Map<String, Object> headline = new LinkedHashMap<>(facts);
    headline.putAll(metrics.apply(IntStream.range(0, n).toArray()));
    return new EvalReport(
        StageCatalogue.id(manifest.stage()),
        Map.of("name", manifest.name(), "version", manifest.version(), "sha256", manifest.sha256()),
        data,
        headline,
        Bootstrap.standard().intervals(n, metrics),
        calibration,
        ThresholdSweep.sweep(items, prices, ModelRun.threshold(manifest)),
        ModelRun.threshold(manifest),
        prices,
        failures,
        perClass,
        items);
  }

  /** The headline's figure {@code name} with its interval, e.g. {@code 0.9120 [0.8950, 0.9280]}. */
  String display(String name) {
    Object v = headline.get(name);
    Bootstrap.Interval ci = intervals.get(name);
    String value = v instanceof Double d ? format(d) : String.valueOf(v);
    return ci == null ? value : value + " [" + format(ci.low()) + ", " + format(ci.high()) + "]";
  }

  private static String format(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4f", d);
  }
}
