package dev.smallfirst.eval;

import dev.smallfirst.models.Stages;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;

/**
 * Command-line options of {@code smallfirst eval}.
 *
 * @param stage the stage the model serves
 * @param model the model directory
 * @param data the evaluation file (JSON Lines)
 * @param predictions where to write one prediction per line
 * @param report directory for {@code summary.json} and {@code index.html}, or null
 * @param prices price table file, or null for {@link PriceTable#defaults()}
 * @param strict refuse the data when any line is bad
 */
public record EvalOptions(
    Stage stage,
    Path model,
    Path data,
    Path predictions,
    Path report,
    Path prices,
    boolean strict) {

  public static final String USAGE =
      """
      usage: smallfirst eval --stage classify|extract|sentiment|draft --model DIR --data FILE.jsonl
                             --predictions OUT.jsonl [--report DIR] [--prices PRICES.json] [--strict]
        --report   writes DIR/summary.json and DIR/index.html (charts, sweep, errors)
        --prices   {"smallMicros": 50, "frontierMicros": 12000, "frontierQuality": 0.97}
      """;

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad option. */
  public static EvalOptions parse(String[] args) {
    Stage stage = null;
    Path model = null;
    Path data = null;
    Path predictions = null;
    Path report = null;
    Path prices = null;
    boolean strict = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--strict")) {
        strict = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--stage" -> stage = Stages.parse(v);
        case "--model" -> model = Path.of(v);
        case "--data" -> data = Path.of(v);
        case "--predictions" -> predictions = Path.of(v);
        case "--report" -> report = Path.of(v);
        case "--prices" -> prices = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (stage == null || model == null || data == null || predictions == null) {
      throw new IllegalArgumentException("--stage, --model, --data and --predictions are required");
    }
    return new EvalOptions(stage, model, data, predictions, report, prices, strict);
  }
}
