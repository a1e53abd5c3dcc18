package dev.smallfirst.eval;

import dev.smallfirst.records.Stage;
import dev.smallfirst.training.cli.Cli;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Command-line options of {@code smallfirst eval}, validated in the constructor with errors that
 * name the option. Immutable; {@link Flags} is what picocli fills.
 *
 * @param stage the stage the model serves
 * @param model the model directory
 * @param data the evaluation file (JSON Lines)
 * @param predictions where to write one prediction per line
 * @param report directory for {@code summary.json} and {@code index.html}, or null
 * @param prices price table file, or null for {@link EscalationPrices#defaults()}
 * @param strict refuse the data when any line is bad
 * @param writeThreshold write the threshold the sweep chooses into the model's manifest
 * @param maxEscalation the largest share of answerable examples the chosen threshold may escalate
 */
public record EvalOptions(
    Stage stage,
    Path model,
    Path data,
    Path predictions,
    Path report,
    Path prices,
    boolean strict,
    boolean writeThreshold,
    double maxEscalation) {

  public EvalOptions {
    if (stage == null || model == null || data == null || predictions == null) {
      throw new IllegalArgumentException("--stage, --model, --data and --predictions are required");
    }
    if (!(maxEscalation >= 0 && maxEscalation <= 1)) {
      throw new IllegalArgumentException(
          "--max-escalation must be within [0, 1]: " + maxEscalation);
    }
  }

  /**
   * Parses {@code args} as {@code smallfirst eval} does.
   *
   * @throws IllegalArgumentException naming the bad option (picocli's {@code ParameterException}
   *     for syntax errors)
   */
  public static EvalOptions parse(String... args) {
    return Cli.parse(new Flags(), args).toOptions();
  }

  /** The command-line flags, as picocli fills them; {@link #toOptions()} validates them. */
  public static final class Flags {
    @Option(
        names = "--stage",
        paramLabel = "classify|extract|sentiment|draft",
        converter = Cli.StageConverter.class,
        description = "the stage the model serves (required)")
    Stage stage;

    @Option(names = "--model", paramLabel = "DIR", description = "the model directory (required)")
    Path model;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "labeled file (required)")
    Path data;

    @Option(
        names = "--predictions",
        paramLabel = "OUT.jsonl",
        description = "where to write one prediction per line (required)")
    Path predictions;

    @Option(
        names = "--report",
        paramLabel = "DIR",
        description = "writes DIR/summary.json and DIR/index.html (charts, sweep, errors)")
    Path report;

    @Option(
        names = "--prices",
        paramLabel = "PRICES.json",
        description = "{\"smallMicros\": 20, \"frontierMicros\": 12000, \"frontierQuality\": 0.97}")
    Path prices;

    @Option(names = "--strict", description = "refuse the data if any line is bad")
    boolean strict;

    @Option(
        names = "--write-threshold",
        description =
            "writes the threshold the sweep chooses into the model's manifest.json (use data the"
                + " model did not train on)")
    boolean writeThreshold;

    @Option(
        names = "--max-escalation",
        paramLabel = "RATE",
        description =
            "largest share of answerable examples the chosen threshold escalates (default 0.10)")
    double maxEscalation = 0.10;

    /** The validated options; throws {@link IllegalArgumentException} naming the bad option. */
    public EvalOptions toOptions() {
      return new EvalOptions(
          stage, model, data, predictions, report, prices, strict, writeThreshold, maxEscalation);
    }
  }
}
